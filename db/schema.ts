// All tables and relations, in one import for drizzle and drizzle-kit.
export * from './schema/contacts.ts'
export * from './schema/org.ts'
export * from './schema/channels.ts'
export * from './schema/staff.ts'
export * from './schema/routing-rules.ts'
export * from './schema/conversations.ts'
export * from './schema/events.ts'
export * from './relations.ts'
