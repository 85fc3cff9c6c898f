// Relations between the tables, for drizzle's relational queries.
import { relations } from 'drizzle-orm'
import { channels } from './schema/channels.ts'
import { contacts, identities } from './schema/contacts.ts'
import { conversations } from './schema/conversations.ts'
import { events, outbox } from './schema/events.ts'
import { offices, queues } from './schema/org.ts'
import { apiTokens, consultants, queueMembers, sessions } from './schema/staff.ts'

export const contactsRelations = relations(contacts, ({ many }) => ({
  identities: many(identities),
  conversations: many(conversations),
}))
export const identitiesRelations = relations(identities, ({ one }) => ({
  contact: one(contacts, { fields: [identities.contactId], references: [contacts.id] }),
}))
export const officesRelations = relations(offices, ({ many }) => ({ queues: many(queues), consultants: many(consultants) }))
export const queuesRelations = relations(queues, ({ one, many }) => ({
  office: one(offices, { fields: [queues.officeId], references: [offices.id] }),
  members: many(queueMembers),
}))
export const queueMembersRelations = relations(queueMembers, ({ one }) => ({
  queue: one(queues, { fields: [queueMembers.queueId], references: [queues.id] }),
  consultant: one(consultants, { fields: [queueMembers.consultantId], references: [consultants.id] }),
}))
export const channelsRelations = relations(channels, ({ one }) => ({
  defaultQueue: one(queues, { fields: [channels.defaultQueueId], references: [queues.id] }),
}))
export const consultantsRelations = relations(consultants, ({ one, many }) => ({
  office: one(offices, { fields: [consultants.officeId], references: [offices.id] }),
  sessions: many(sessions),
  apiTokens: many(apiTokens),
  queues: many(queueMembers),
}))
export const sessionsRelations = relations(sessions, ({ one }) => ({
  consultant: one(consultants, { fields: [sessions.consultantId], references: [consultants.id] }),
}))
export const apiTokensRelations = relations(apiTokens, ({ one }) => ({
  consultant: one(consultants, { fields: [apiTokens.consultantId], references: [consultants.id] }),
}))
export const conversationsRelations = relations(conversations, ({ one, many }) => ({
  contact: one(contacts, { fields: [conversations.contactId], references: [contacts.id] }),
  channel: one(channels, { fields: [conversations.channelId], references: [channels.id] }),
  queue: one(queues, { fields: [conversations.queueId], references: [queues.id] }),
  office: one(offices, { fields: [conversations.officeId], references: [offices.id] }),
  assignee: one(consultants, { fields: [conversations.assigneeId], references: [consultants.id] }),
  events: many(events),
}))
export const eventsRelations = relations(events, ({ one }) => ({
  conversation: one(conversations, { fields: [events.conversationId], references: [conversations.id] }),
}))
export const outboxRelations = relations(outbox, ({ one }) => ({
  event: one(events, { fields: [outbox.eventId], references: [events.id] }),
  conversation: one(conversations, { fields: [outbox.conversationId], references: [conversations.id] }),
}))
