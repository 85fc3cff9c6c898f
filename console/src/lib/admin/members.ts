// The supervisor's choice of who gets a waiting conversation: available members first, then by how loaded they are
// in that conversation's channel; and a member's load shown as text, per channel kind.
import type { BoardMember } from '$protocol/admin.ts'
import type { ChannelKind } from '$protocol/channel.ts'
import type { PresenceState } from '$protocol/frames.ts'

export interface Candidate {
  member: BoardMember
  load: number
  capacity: number
  /** At or over capacity in this channel kind: routing would not offer them more. */
  full: boolean
  available: boolean
}

/** How likely someone is to pick it up soon: available first, offline last. */
const PRESENCE_ORDER: Record<PresenceState, number> = { available: 0, after_call_work: 1, busy: 2, training: 3, break: 4, offline: 5 }

export function loadIn(member: BoardMember, kind: ChannelKind): number {
  return member.load[kind] ?? 0
}

export function capacityIn(member: BoardMember, kind: ChannelKind): number {
  return member.capacity[kind] ?? 0
}

/** Every member of the queue, best first: available, not full, least loaded, then by name. */
export function rankCandidates(members: readonly BoardMember[], kind: ChannelKind, collator = new Intl.Collator('pl')): Candidate[] {
  return members
    .map((member) => {
      const load = loadIn(member, kind)
      const capacity = capacityIn(member, kind)
      return { member, load, capacity, full: load >= capacity, available: member.presence === 'available' }
    })
    .sort(
      (a, b) =>
        PRESENCE_ORDER[a.member.presence] - PRESENCE_ORDER[b.member.presence] ||
        Number(a.full) - Number(b.full) ||
        a.load / Math.max(1, a.capacity) - b.load / Math.max(1, b.capacity) ||
        collator.compare(a.member.name, b.member.name),
    )
}

/** The channel kinds worth showing for a member: where they may take work or hold some now. */
export function loadedKinds(member: BoardMember, kinds: readonly ChannelKind[]): ChannelKind[] {
  return kinds.filter((k) => capacityIn(member, k) > 0 || loadIn(member, k) > 0)
}
