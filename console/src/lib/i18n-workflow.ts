// The texts of the inbox workflow: list views and search, labels, priority, snooze and reopen, mentions, canned responses, contact notes; Polish first, then English. i18n.ts merges them into its dictionaries.

export const plWorkflow = {
} as const

export type WorkflowMessageKey = keyof typeof plWorkflow

export const enWorkflow: Record<WorkflowMessageKey, string> = {
}
