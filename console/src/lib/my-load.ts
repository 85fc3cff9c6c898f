// The signed-in consultant's own load for the header ("Czaty 2/3"): which channel kinds to show, and which socket
// frames mean it may have changed.
import type { MyRouting } from '$protocol/admin.ts'
import type { ChannelKind } from '$protocol/channel.ts'
import type { StaffServerFrame } from '$protocol/frames.ts'

export interface LoadItem {
  kind: ChannelKind
  load: number
  capacity: number
  /** At or over capacity: routing offers nothing more of this kind. */
  full: boolean
}

/** Web chat always (the main channel), any other kind only while the consultant holds some; in the order of `kinds`. */
export function myLoadItems(routing: Pick<MyRouting, 'capacity' | 'load'>, kinds: readonly ChannelKind[]): LoadItem[] {
  return kinds
    .map((kind) => {
      const load = routing.load[kind] ?? 0
      const capacity = routing.capacity[kind] ?? 0
      return { kind, load, capacity, full: load >= capacity }
    })
    .filter((item) => item.kind === 'webchat' || item.load > 0)
}

/**
 * Frames after which the load may differ, as for the supervisor's board: a conversation changed, an offer came, this
 * consultant's presence changed, or the socket (re)connected (welcome). Others' presence says nothing about ours.
 */
export function ringsMyLoad(frame: StaffServerFrame, myId: string | null | undefined): boolean {
  switch (frame.type) {
    case 'changed':
    case 'offer':
    case 'welcome':
      return true
    case 'presence':
      return frame.consultantId === myId
    default:
      return false
  }
}
