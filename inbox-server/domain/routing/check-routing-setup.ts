// Consistency of routing settings an administrator writes, checked before anything is stored.
import type { AdminQueue, EntryRule } from '../../../protocol/admin.ts'

export interface Known {
  skills: ReadonlySet<string>
  officeIds: ReadonlySet<string>
  consultantIds: ReadonlySet<string>
  queueIds: ReadonlySet<string>
  calendarIds: ReadonlySet<string>
}

export interface Problem {
  path: string
  message: string
}

type QueueSettings = Omit<AdminQueue, 'id'> & { id: string | null }

/** Problems with a queue as it would be after the write (create: `id` null). */
export function checkQueue(q: QueueSettings, known: Known): Problem[] {
  const p: Problem[] = []
  if (q.line === 'second_line' && !q.officeId) p.push({ path: 'officeId', message: 'a second-line queue belongs to an office' })
  if (q.line === 'first_line' && q.officeId) p.push({ path: 'officeId', message: 'only second-line queues belong to an office' })
  if (q.officeId && !known.officeIds.has(q.officeId)) p.push({ path: 'officeId', message: 'no such office' })
  if (q.line === 'second_line' && (q.topic || q.keywords.length > 0)) p.push({ path: 'topic', message: 'citizens enter first-line queues only; a second-line queue takes escalations' })
  for (const s of q.requiredSkills) if (!known.skills.has(s)) p.push({ path: 'requiredSkills', message: `no such skill: ${s}` })
  for (const m of q.memberIds) if (!known.consultantIds.has(m)) p.push({ path: 'memberIds', message: `no such consultant: ${m}` })
  if (q.overflowQueueId !== null) {
    if (q.overflowQueueId === q.id) p.push({ path: 'overflowQueueId', message: 'a queue cannot overflow into itself' })
    else if (!known.queueIds.has(q.overflowQueueId)) p.push({ path: 'overflowQueueId', message: 'no such queue' })
  }
  if (q.calendarId !== null && !known.calendarIds.has(q.calendarId)) p.push({ path: 'calendarId', message: 'no such calendar' })
  if ((q.overflowQueueId === null) !== (q.overflowAfterSeconds === null)) {
    p.push({ path: 'overflowAfterSeconds', message: 'give both the overflow queue and the seconds after which it applies, or neither' })
  }
  return p
}

/** Problems with an entry rule as it would be after the write. */
export function checkEntryRule(r: Omit<EntryRule, 'id'>, known: Known): Problem[] {
  const p: Problem[] = []
  if (r.channelKind === null && r.language === null && r.keywords.length === 0) p.push({ path: 'channelKind', message: 'give at least one condition: a channel kind, a language or keywords' })
  if (r.queueId === null && r.priorityBoost === 0 && r.skill === null) p.push({ path: 'queueId', message: 'give at least one action: a queue, a priority boost or a skill' })
  if (r.queueId !== null && !known.queueIds.has(r.queueId)) p.push({ path: 'queueId', message: 'no such queue' })
  if (r.skill !== null && !known.skills.has(r.skill)) p.push({ path: 'skill', message: `no such skill: ${r.skill}` })
  return p
}
