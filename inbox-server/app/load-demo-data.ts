// A demo floor for newcomers: topic queues, three local offices with their regions, skills, language rules and demo
// staff; safe to run twice.
import { addConsultant } from './add-consultant.ts'
import type { Store } from './ports.ts'

/** First-line queues by topic, with the keys citizens pick them by in the widget. */
export const DEMO_QUEUES = [
  { name: 'Oferty pracy', topic: 'oferty-pracy', keywords: ['ofert', 'ogloszen', 'wakat'] },
  { name: 'Zasiłek dla bezrobotnych', topic: 'zasilek', keywords: ['zasil', 'bezrobotn', 'wyplat'] },
  { name: 'Szkolenia i kursy', topic: 'szkolenia', keywords: ['szkolen', 'kurs', 'bon', 'staz'] },
  { name: 'EURES — praca za granicą', topic: 'eures', keywords: ['eures', 'granic', 'zagranic', 'niemc', 'holandi'], requiredSkills: ['eures'] },
  { name: 'Pomoc z usługami online', topic: 'uslugi-online', keywords: ['hasl', 'login', 'kont', 'epuap', 'profil'] },
]

/** TERYT county codes of the regions each office serves. */
export const DEMO_OFFICES = [
  { name: 'Urząd Pracy m.st. Warszawy', regions: ['1465'], email: 'warszawa@example.gov.pl' },
  { name: 'Grodzki Urząd Pracy w Krakowie', regions: ['1261'], email: 'krakow@example.gov.pl' },
  { name: 'Powiatowy Urząd Pracy w Gdańsku', regions: ['2261'], email: 'gdansk@example.gov.pl' },
]

export const DEMO_SKILLS = [
  { key: 'eures', name: 'EURES — zatrudnienie za granicą' },
  { key: 'jezyk-uk', name: 'Język ukraiński' },
  { key: 'jezyk-en', name: 'Język angielski' },
]

/** A citizen writing in Ukrainian or English needs a consultant who speaks it; Ukrainian is served a little sooner. */
const DEMO_RULES = [
  { name: 'Pisze po ukraińsku', language: 'uk' as const, skill: 'jezyk-uk', priorityBoost: 1 },
  { name: 'Pisze po angielsku', language: 'en' as const, skill: 'jezyk-en', priorityBoost: 0 },
]

const weekday = [{ start: '08:00', end: '18:00' }]
/** The hotline's hours (the first-line queues keep them; local offices keep the default 08:00–16:00). */
export const DEMO_CALENDAR = {
  name: 'Infolinia: pn–pt 8–18',
  definition: { timeZone: 'Europe/Warsaw', alwaysOpen: false, week: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: [], 7: [] }, polishHolidays: true, closedDates: [] },
}

/** Service levels: quick answers on chat and messengers, a working day for e-mail; business hours. */
export const DEMO_POLICIES = [
  { name: 'Czat i komunikatory', channelKind: null, firstResponseSeconds: 180, nextResponseSeconds: 300, resolutionSeconds: 8 * 3600 },
  { name: 'E-mail', channelKind: 'email' as const, firstResponseSeconds: 8 * 3600, nextResponseSeconds: 8 * 3600, resolutionSeconds: 40 * 3600 },
]

const DEMO_STAFF = [
  { email: 'anna.konsultantka@example.pl', name: 'Anna Kowalska', role: 'consultant', queues: 'first_line', skills: ['eures', 'jezyk-en'] },
  { email: 'bartek.konsultant@example.pl', name: 'Bartosz Nowak', role: 'consultant', queues: 'first_line', skills: ['jezyk-uk'] },
  { email: 'celina.konsultantka@example.pl', name: 'Celina Wiśniewska', role: 'consultant', queues: 'first_line', skills: [] },
  { email: 'dorota.pup@example.pl', name: 'Dorota Zielińska', role: 'second_line', queues: 'Urząd Pracy m.st. Warszawy', skills: [] },
  { email: 'ewa.kierowniczka@example.pl', name: 'Ewa Lewandowska', role: 'supervisor', queues: 'first_line', skills: ['eures', 'jezyk-uk', 'jezyk-en'] },
] as const

export interface DemoResult {
  queues: number
  offices: number
  staff: { email: string; password: string }[]
}

export async function loadDemoData(store: Store, passwordFor: (email: string) => string): Promise<DemoResult> {
  const defaults = await store.ensureDefaults()
  const firstLine: string[] = [defaults.defaultQueueId]
  for (const skill of DEMO_SKILLS) await store.insertSkill(skill) // a second run meets a conflict: kept as it is
  let queuesCreated = 0
  for (const { name, topic, keywords, ...rest } of DEMO_QUEUES) {
    const q = (await store.findQueueByName(name)) ?? (queuesCreated++, await store.createQueue({ name, topic, keywords }))
    if ('requiredSkills' in rest) await store.patchQueue(q.id, { requiredSkills: rest.requiredSkills })
    firstLine.push(q.id)
  }
  const calendar =
    (await store.listCalendars()).find((c) => c.name === DEMO_CALENDAR.name) ??
    (await store.insertCalendar(DEMO_CALENDAR).then((r) => (r.ok ? r.value : null)))
  if (calendar) for (const q of firstLine) await store.patchQueue(q, { calendarId: calendar.id })
  const policies = new Set((await store.listSlaPolicies()).map((p) => p.name))
  for (const p of DEMO_POLICIES) {
    if (policies.has(p.name)) continue
    await store.insertSlaPolicy({
      ...p,
      queueId: null,
      minPriority: null,
      businessHours: true,
      warnPercent: 80,
      onBreach: 'notify',
      breachPriorityBoost: 0,
      rerouteQueueId: null,
    })
  }
  const rules = new Set((await store.listEntryRules()).map((r) => r.name))
  for (const r of DEMO_RULES) {
    if (!rules.has(r.name)) await store.insertEntryRule({ ...r, position: 0, enabled: true, channelKind: null, keywords: [], queueId: null })
  }
  const officeQueues = new Map<string, string>()
  const officeIds = new Map<string, string>()
  let officesCreated = 0
  for (const o of DEMO_OFFICES) {
    const office = await store.ensureOffice(o)
    officeIds.set(o.name, office.id)
    if (office.created) officesCreated++
    const name = `Drugi kontakt — ${o.name}`
    const q = (await store.findQueueByName(name)) ?? (queuesCreated++, await store.createQueue({ name, line: 'second_line', officeId: office.id }))
    officeQueues.set(o.name, q.id)
  }
  // Administrators (the account a newcomer signs in with) serve every first-line queue too, so demo chats reach them.
  for (const admin of (await store.listConsultants()).filter((c) => c.role === 'admin')) {
    for (const q of firstLine) await store.joinQueue(admin.id, q)
    await store.updateConsultant(admin.id, { skills: DEMO_SKILLS.map((k) => k.key) })
  }
  const staff: DemoResult['staff'] = []
  for (const s of DEMO_STAFF) {
    const existing = await store.findConsultantByEmail(s.email)
    let id = existing?.id
    if (!existing) {
      const password = passwordFor(s.email)
      const r = await addConsultant(store, { email: s.email, name: s.name, role: s.role, password })
      if (!r.ok) throw new Error(r.message)
      id = r.consultant.id
      staff.push({ email: s.email, password })
    }
    const queueIds = s.queues === 'first_line' ? firstLine : [officeQueues.get(s.queues)!]
    for (const q of queueIds) await store.joinQueue(id!, q)
    if (!existing) await store.updateConsultant(id!, { skills: [...s.skills] })
    if (s.role === 'second_line') await store.setConsultantOffice(id!, officeIds.get(s.queues)!)
  }
  return { queues: queuesCreated, offices: officesCreated, staff }
}
