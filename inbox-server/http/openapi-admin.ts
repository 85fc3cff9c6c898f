// The OpenAPI paths and schemas of routing administration and the supervisor's board (merged into openapi-document).
import {
  AdminConsultant,
  AdminOffice,
  AdminQueue,
  ConsultantCreate,
  ConsultantPatch,
  EntryRule,
  EntryRuleCreate,
  EntryRulePatch,
  MyRouting,
  OfficeCreate,
  OfficePatch,
  PresenceReason,
  PresenceReasonCreate,
  PresenceReasonPatch,
  Disposition,
  DispositionCreate,
  DispositionPatch,
  QueueBoard,
  QueueCreate,
  QueuePatch,
  Skill,
  SkillPatch,
} from '../../protocol/admin.ts'
import { Calendar, CalendarCreate, CalendarPatch, SlaPolicy, SlaPolicyCreate, SlaPolicyPatch } from '../../protocol/sla.ts'
import { Wallboard } from '../../protocol/wallboard.ts'
import { Report } from '../../protocol/reports.ts'
import { CannedResponse, CannedResponseCreate, CannedResponsePatch, Label, LabelCreate, LabelPatch, MarkReadBody, Notification, NotificationList, PriorityBody, SetLabelsBody } from '../../protocol/workflow.ts'

export const adminOutputSchemas = { AdminQueue, AdminOffice, Skill, AdminConsultant, PresenceReason, Disposition, EntryRule, QueueBoard, MyRouting, Calendar, SlaPolicy, Label, CannedResponse, Notification, NotificationList, Wallboard, Report }
export const adminInputSchemas = {
  QueueCreate, QueuePatch, OfficeCreate, OfficePatch, SkillPatch, ConsultantCreate, ConsultantPatch,
  LabelCreate, LabelPatch, CannedResponseCreate, CannedResponsePatch, SetLabelsBody, PriorityBody, MarkReadBody,
  PresenceReasonCreate, PresenceReasonPatch, DispositionCreate, DispositionPatch, EntryRuleCreate, EntryRulePatch, CalendarCreate, CalendarPatch, SlaPolicyCreate, SlaPolicyPatch,
}

type Name = keyof typeof adminOutputSchemas | keyof typeof adminInputSchemas | 'ApiError'
const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: Name) => ({ 'application/json': { schema: ref(name) } })
const list = (name: Name) => ({ 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ref(name) } }, required: ['items'] } } })
const error = (description: string) => ({ description, content: json('ApiError') })
const common = { 401: error('Not signed in'), 403: error('Not allowed for this role') }
const param = (name: string, format?: string) => ({ name, in: 'path', required: true, schema: { type: 'string', ...(format ? { format } : {}) } })

/** One collection: list and create, then patch (and delete) one item by `key`. */
function collection(o: { what: string; item: Name; create: Name; patch: Name; key: string; keyFormat?: string; canDelete: boolean; deleteConflict?: string }) {
  const one = {
    patch: {
      summary: `Change a ${o.what} (only the fields given)`,
      parameters: [param(o.key, o.keyFormat)],
      requestBody: { required: true, content: json(o.patch) },
      responses: { 200: { description: 'Changed', content: json(o.item) }, 400: error('Invalid or inconsistent fields'), ...common, 404: error('Not found'), 409: error('A unique name, key, topic or IVR digits taken') },
    },
    ...(o.canDelete
      ? {
          delete: {
            summary: `Delete a ${o.what}`,
            parameters: [param(o.key, o.keyFormat)],
            responses: { 204: { description: 'Deleted' }, ...common, 404: error('Not found'), ...(o.deleteConflict ? { 409: error(o.deleteConflict) } : {}) },
          },
        }
      : {}),
  }
  return {
    all: {
      get: { summary: `All ${o.what}s (administrators and supervisors)`, responses: { 200: { description: 'OK', content: list(o.item) }, ...common } },
      post: {
        summary: `Create a ${o.what} (administrators)`,
        requestBody: { required: true, content: json(o.create) },
        responses: { 201: { description: 'Created', content: json(o.item) }, 400: error('Invalid or inconsistent fields'), ...common, 409: error('A unique name, key, topic or IVR digits taken') },
      },
    },
    one,
  }
}

export function adminPaths() {
  const queues = collection({ what: 'queue', item: 'AdminQueue', create: 'QueueCreate', patch: 'QueuePatch', key: 'id', keyFormat: 'uuid', canDelete: true, deleteConflict: 'Open conversations wait in it, or it is a channel’s default or an office’s queue' })
  const offices = collection({ what: 'office', item: 'AdminOffice', create: 'OfficeCreate', patch: 'OfficePatch', key: 'id', keyFormat: 'uuid', canDelete: false })
  const skills = collection({ what: 'skill', item: 'Skill', create: 'Skill', patch: 'SkillPatch', key: 'key', canDelete: true })
  const consultants = collection({ what: 'consultant', item: 'AdminConsultant', create: 'ConsultantCreate', patch: 'ConsultantPatch', key: 'id', keyFormat: 'uuid', canDelete: false })
  const reasons = collection({ what: 'presence reason', item: 'PresenceReason', create: 'PresenceReasonCreate', patch: 'PresenceReasonPatch', key: 'code', canDelete: false })
  const dispositions = collection({ what: 'call disposition', item: 'Disposition', create: 'DispositionCreate', patch: 'DispositionPatch', key: 'code', canDelete: false })
  const labels = collection({ what: 'label', item: 'Label', create: 'LabelCreate', patch: 'LabelPatch', key: 'id', keyFormat: 'uuid', canDelete: true })
  const canned = collection({ what: 'canned response', item: 'CannedResponse', create: 'CannedResponseCreate', patch: 'CannedResponsePatch', key: 'id', keyFormat: 'uuid', canDelete: true })
  for (const c of [labels, canned]) c.all.post.summary = c.all.post.summary.replace('(administrators)', '(administrators and supervisors)')
  const rules = collection({ what: 'entry rule', item: 'EntryRule', create: 'EntryRuleCreate', patch: 'EntryRulePatch', key: 'id', keyFormat: 'uuid', canDelete: true })
  const calendars = collection({ what: 'business calendar', item: 'Calendar', create: 'CalendarCreate', patch: 'CalendarPatch', key: 'id', keyFormat: 'uuid', canDelete: true, deleteConflict: 'A queue or an office keeps it' })
  const policies = collection({ what: 'SLA policy', item: 'SlaPolicy', create: 'SlaPolicyCreate', patch: 'SlaPolicyPatch', key: 'id', keyFormat: 'uuid', canDelete: true })
  consultants.one.patch.summary = 'Change a consultant: supervisors may change capacity, skills, queueIds and voiceExclusive; the rest needs an administrator'
  return {
    '/api/admin/queues': queues.all,
    '/api/admin/queues/{id}': queues.one,
    '/api/admin/offices': { ...offices.all, post: { ...offices.all.post, summary: 'Create a local office with its second-line queue (administrators)' } },
    '/api/admin/offices/{id}': offices.one,
    '/api/admin/skills': skills.all,
    '/api/admin/skills/{key}': skills.one,
    '/api/admin/consultants': consultants.all,
    '/api/admin/consultants/{id}': consultants.one,
    '/api/admin/presence-reasons': reasons.all,
    '/api/admin/presence-reasons/{code}': reasons.one,
    '/api/admin/dispositions': dispositions.all,
    '/api/admin/dispositions/{code}': dispositions.one,
    '/api/admin/labels': labels.all,
    '/api/admin/labels/{id}': labels.one,
    '/api/admin/canned-responses': canned.all,
    '/api/admin/canned-responses/{id}': canned.one,
    '/api/labels': { get: { summary: 'All labels, for any consultant', responses: { 200: { description: 'OK', content: list('Label') }, 401: error('Not signed in') } } },
    '/api/canned-responses': {
      get: {
        summary: 'Canned responses, optionally those whose shortcut, title or body contain q',
        parameters: [{ name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 60 } }],
        responses: { 200: { description: 'OK', content: list('CannedResponse') }, 401: error('Not signed in') },
      },
    },
    '/api/notifications': { get: { summary: 'The signed-in consultant’s latest 50 notifications (mentions) and how many are unread', responses: { 200: { description: 'OK', content: json('NotificationList') }, 401: error('Not signed in') } } },
    '/api/notifications/read': {
      post: {
        summary: 'Mark notifications read: the given ids, or all',
        requestBody: { required: true, content: json('MarkReadBody') },
        responses: { 200: { description: '{marked: how many changed}' }, 400: error('Invalid body'), 401: error('Not signed in') },
      },
    },
    '/api/conversations/{id}/labels': {
      put: {
        summary: 'Set the conversation’s labels (the whole set); a change is a staff-only update event',
        parameters: [param('id', 'uuid')],
        requestBody: { required: true, content: json('SetLabelsBody') },
        responses: { 200: { description: '{event: the update event, or null when nothing changed}' }, 400: error('Invalid body or unknown label'), 401: error('Not signed in'), 404: error('No such conversation') },
      },
    },
    '/api/conversations/{id}/priority': {
      post: {
        summary: 'Set the conversation’s priority (0–100; higher is served first in its queue)',
        parameters: [param('id', 'uuid')],
        requestBody: { required: true, content: json('PriorityBody') },
        responses: { 200: { description: '{event: the update event, or null when nothing changed}' }, 400: error('Invalid body'), 401: error('Not signed in'), 404: error('No such conversation') },
      },
    },
    '/api/admin/entry-rules': rules.all,
    '/api/admin/entry-rules/{id}': rules.one,
    '/api/admin/calendars': calendars.all,
    '/api/admin/calendars/{id}': calendars.one,
    '/api/admin/sla-policies': policies.all,
    '/api/admin/sla-policies/{id}': policies.one,
    '/api/me/routing': { get: { summary: 'The signed-in consultant’s presence, capacity per channel kind and conversations held now', responses: { 200: { description: 'OK', content: json('MyRouting') }, 401: error('Not signed in') } } },
    '/api/dispositions': { get: { summary: 'The active call dispositions a consultant picks at the wrap-up', responses: { 200: { description: 'OK', content: list('Disposition') }, 401: error('Not signed in') } } },
    '/api/presence-reasons': { get: { summary: 'The active presence reasons any consultant may pick', responses: { 200: { description: 'OK', content: list('PresenceReason') }, 401: error('Not signed in') } } },
    '/api/reports': {
      get: {
        summary: 'A report for a range of days (Europe/Warsaw, both included, at most 366): totals, per queue, per channel, per hour and weekday (docs/metrics.md)',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
        ],
        responses: { 200: { description: 'OK', content: json('Report') }, 400: error('Not real days, reversed, or more than 366'), ...common },
      },
    },
    '/api/reports.csv': {
      get: {
        summary: 'One breakdown of a report as CSV: UTF-8 with BOM, semicolons, decimal commas, times in seconds (opens in LibreOffice and Excel with Polish settings)',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'by', in: 'query', required: false, schema: { type: 'string', enum: ['total', 'queue', 'channel', 'hour', 'weekday'] } },
        ],
        responses: { 200: { description: 'text/csv' }, 400: error('Not real days, reversed, or more than 366'), ...common },
      },
    },
    '/api/supervisor/consultants/{id}/presence': {
      post: {
        summary: 'Set a consultant’s presence (supervisors): {state, reason?}; the consultant’s console follows live',
        parameters: [param('id', 'uuid')],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { state: { type: 'string' }, reason: { type: 'string' } }, required: ['state'] } } } },
        responses: { 200: { description: '{id, state}' }, 400: error('Unknown state or reason'), ...common, 404: error('No such active consultant') },
      },
    },
    '/api/supervisor/wallboard': {
      get: {
        summary: 'Today’s figures per queue and channel (docs/metrics.md), who waits now, consultants’ states and open escalations; also pushed over the staff socket after {type: "wallboard", on: true}',
        responses: { 200: { description: 'OK', content: json('Wallboard') }, ...common },
      },
    },
    '/api/supervisor/queues': {
      get: {
        summary: 'Each queue with its waiting conversations in serving order and its members with presence and load (assign by hand: POST /api/conversations/{id}/transfer)',
        responses: { 200: { description: 'OK', content: json('QueueBoard') }, ...common },
      },
    },
  }
}
