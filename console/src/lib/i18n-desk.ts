// The texts of the consultant's desk: keyboard shortcuts and their help, notifications (sound, tab title, desktop); Polish first, then English. i18n.ts merges them into its dictionaries.

export const plDesk = {
} as const

export type DeskMessageKey = keyof typeof plDesk

export const enDesk: Record<DeskMessageKey, string> = {
}
