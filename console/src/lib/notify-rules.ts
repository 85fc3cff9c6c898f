// The decisions behind the consultant's notifications, kept pure so they can be tested: the stored settings, which
// presence states are quiet, whether a citizen's message counts as unseen, what a sound or a desktop notification
// needs, the tab title with the count of unseen items, and the text a desktop notification may carry.
import type { PresenceState } from '$protocol/frames.ts'

export interface NotifySettings {
  /** No sounds at all. */
  muted: boolean
  /** Desktop notifications, switched on by the consultant (the browser must allow them too). */
  desktop: boolean
}

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = { muted: false, desktop: false }

/** Reads the settings stored in localStorage; anything unreadable gives the defaults. */
export function parseNotifySettings(raw: string | null | undefined): NotifySettings {
  try {
    const value = JSON.parse(raw ?? 'null') as Partial<NotifySettings> | null
    return { muted: value?.muted === true, desktop: value?.desktop === true }
  } catch {
    return { ...DEFAULT_NOTIFY_SETTINGS }
  }
}

/** A consultant on a break, in training or offline hears nothing and gets no desktop notification. */
const QUIET: ReadonlySet<PresenceState> = new Set<PresenceState>(['offline', 'break', 'training'])

export function isQuietPresence(presence: PresenceState): boolean {
  return QUIET.has(presence)
}

/** Where a citizen's new message stands for this consultant. */
export interface MessageContext {
  /** The conversation is assigned to this consultant. */
  assignedToMe: boolean
  /** It is the conversation open on screen. */
  open: boolean
  /** The console's tab is hidden (another tab, a minimised window). */
  hidden: boolean
}

/** A message counts when the conversation is mine and it is not on screen: another conversation, or the tab is hidden. */
export function messageIsUnseen(ctx: MessageContext): boolean {
  return ctx.assignedToMe && (!ctx.open || ctx.hidden)
}

/**
 * Whether the citizen's latest message time `at` (ms) is news. `known` is the latest time already taken into account for
 * that conversation; a conversation seen for the first time only sets the baseline (its messages came before).
 */
export function isNewInbound(at: number, known: number | undefined): boolean {
  return Number.isFinite(at) && known !== undefined && at > known
}

export interface AlertContext {
  settings: NotifySettings
  presence: PresenceState
  /** Notification.permission, or 'unsupported' without the API. */
  permission: NotificationPermission | 'unsupported'
  /** The tab is hidden or the window is not focused: a desktop notification is worth showing. */
  away: boolean
}

/** What a new item makes happen besides the title count. */
export function alertEffects(ctx: AlertContext): { sound: boolean; desktop: boolean } {
  const quiet = isQuietPresence(ctx.presence)
  return {
    sound: !quiet && !ctx.settings.muted,
    desktop: !quiet && ctx.settings.desktop && ctx.permission === 'granted' && ctx.away,
  }
}

/** "(2) Title" while there are unseen items, the title alone otherwise. */
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base
}

/**
 * The page's own title under the count: if the title is still what was last set here, the base is unchanged;
 * otherwise the page has set a new title of its own.
 */
export function pageTitle(current: string, lastSet: string | null, lastBase: string): string {
  return lastSet !== null && current === lastSet ? lastBase : current
}

/** The most a desktop notification shows of a message (or a name). */
export const NOTIFY_TEXT_MAX = 100

/**
 * Text for a desktop notification: plain text (nothing to escape, a notification body is never HTML), on one line,
 * at most `max` characters with an ellipsis when cut; null when nothing is left.
 */
export function notificationText(text: string | null | undefined, max = NOTIFY_TEXT_MAX): string | null {
  // Control characters (other than spaces) would show as boxes; line breaks become spaces.
  // eslint-disable-next-line no-control-regex
  const flat = (text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (!flat) return null
  const chars = [...flat]
  if (chars.length <= max) return flat
  return chars.slice(0, max - 1).join('').trimEnd() + '…'
}
