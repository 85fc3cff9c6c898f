// The administration area's sections, in the order of its navigation.
import type { MessageKey } from '../i18n.ts'

export const ADMIN_SECTIONS: readonly { path: string; label: MessageKey }[] = [
  { path: 'queues', label: 'admin.section.queues' },
  { path: 'consultants', label: 'admin.section.consultants' },
  { path: 'skills', label: 'admin.section.skills' },
  { path: 'offices', label: 'admin.section.offices' },
  { path: 'presence-reasons', label: 'admin.section.reasons' },
  { path: 'dispositions', label: 'admin.section.dispositions' },
  { path: 'labels', label: 'admin.section.labels' },
  { path: 'canned-responses', label: 'admin.section.canned' },
  { path: 'entry-rules', label: 'admin.section.rules' },
  { path: 'calendars', label: 'admin.section.calendars' },
  { path: 'sla-policies', label: 'admin.section.sla' },
]
