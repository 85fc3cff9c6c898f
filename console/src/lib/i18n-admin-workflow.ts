// The texts of the administration screens for labels and canned responses; Polish first, then English. i18n.ts
// merges them into its dictionaries.

export const plAdminWorkflow = {
} as const

export type AdminWorkflowMessageKey = keyof typeof plAdminWorkflow

export const enAdminWorkflow: Record<AdminWorkflowMessageKey, string> = {
}
