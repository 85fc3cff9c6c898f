// The ContactStore port over drizzle.
import { and, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { contacts, conversations, identities } from '../../db/schema.ts'
import type { ChannelKind, ConversationStatus } from '../../protocol/channel.ts'
import type { ContactStore } from '../app/contact-ports.ts'

/** `%` and `_` typed by staff are searched for literally. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
}

export function createContactStore(db: Db): ContactStore {
  return {
    async searchContacts(q, limit) {
      const pattern = likePattern(q)
      const byIdentity = db.select({ id: identities.contactId }).from(identities).where(eq(identities.externalId, q))
      return db
        .select({ id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone })
        .from(contacts)
        .where(and(isNull(contacts.mergedInto), or(ilike(contacts.name, pattern), ilike(contacts.email, pattern), ilike(contacts.phone, pattern), inArray(contacts.id, byIdentity))))
        .orderBy(desc(contacts.updatedAt))
        .limit(limit)
    },
    async contactDetail(id) {
      const [c] = await db.select().from(contacts).where(and(eq(contacts.id, id), isNull(contacts.mergedInto))).limit(1)
      if (!c) return null
      const [ids, convs, merged] = await Promise.all([
        db.select().from(identities).where(eq(identities.contactId, id)).orderBy(identities.createdAt),
        db
          .select({ id: conversations.id, channel: conversations.channelKind, status: conversations.status, lastActivityAt: conversations.lastActivityAt, lastMessage: conversations.lastMessageText })
          .from(conversations)
          .where(eq(conversations.contactId, id))
          .orderBy(desc(conversations.lastActivityAt))
          .limit(200),
        db.select({ id: contacts.id }).from(contacts).where(eq(contacts.mergedInto, id)),
      ])
      return {
        id: c.id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        region: c.region,
        notes: c.notes,
        identities: ids.map((i) => ({ id: i.id, channel: i.channelKind as ChannelKind, externalId: i.externalId, verified: i.verified, createdAt: i.createdAt.toISOString() })),
        conversations: convs.map((v) => ({ ...v, channel: v.channel as ChannelKind, status: v.status as ConversationStatus, lastActivityAt: v.lastActivityAt.toISOString() })),
        mergedFrom: merged.map((m) => m.id),
      }
    },
    async liveContactId(id) {
      let current = id
      for (let hops = 0; hops < 16; hops++) {
        const [c] = await db.select({ mergedInto: contacts.mergedInto }).from(contacts).where(eq(contacts.id, current)).limit(1)
        if (!c) return null
        if (c.mergedInto === null) return current
        current = c.mergedInto
      }
      return null
    },
    async updateContact(id, patch, now) {
      const r = await db
        .update(contacts)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(contacts.id, id), isNull(contacts.mergedInto)))
        .returning({ id: contacts.id })
      return r.length > 0
    },
    async linkIdentity(contactId, channel, externalId, now) {
      return db.transaction(async (tx) => {
        const [c] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.id, contactId), isNull(contacts.mergedInto))).for('update')
        if (!c) return { ok: false as const, error: 'not_found' as const }
        // Linked by staff from what the citizen told them: unverified until the channel itself vouches for it.
        const [made] = await tx.insert(identities).values({ contactId, channelKind: channel, externalId, verified: false, createdAt: now }).onConflictDoNothing().returning({ id: identities.id })
        if (made) return { ok: true as const }
        const [owner] = await tx
          .select({ contactId: identities.contactId })
          .from(identities)
          .where(and(eq(identities.channelKind, channel), eq(identities.externalId, externalId)))
          .limit(1)
        if (owner?.contactId === contactId) return { ok: true as const }
        return { ok: false as const, error: 'identity_taken' as const, contactId: owner?.contactId ?? '' }
      })
    },
    async mergeContacts(intoId, fromId, now) {
      return db.transaction(async (tx) => {
        // Both rows locked in a fixed order, so two merges of the same pair cannot deadlock.
        const locked = await tx
          .select()
          .from(contacts)
          .where(and(inArray(contacts.id, [intoId, fromId]), isNull(contacts.mergedInto)))
          .orderBy(contacts.id)
          .for('update')
        const into = locked.find((c) => c.id === intoId)
        const from = locked.find((c) => c.id === fromId)
        if (!into || !from) return { ok: false as const, error: 'not_found' as const }
        await tx.update(identities).set({ contactId: intoId }).where(eq(identities.contactId, fromId))
        const moved = await tx.update(conversations).set({ contactId: intoId }).where(eq(conversations.contactId, fromId)).returning({ id: conversations.id, officeId: conversations.officeId })
        // What the kept contact lacks, the merged one fills in; notes of both are kept.
        const notes = [into.notes, from.notes].filter((n): n is string => n !== null && n.trim() !== '').join('\n\n')
        await tx
          .update(contacts)
          .set({
            name: into.name ?? from.name,
            email: into.email ?? from.email,
            phone: into.phone ?? from.phone,
            region: into.region ?? from.region,
            notes: notes === '' ? null : notes,
            attributes: sql`${JSON.stringify(from.attributes)}::jsonb || ${contacts.attributes}`,
            updatedAt: now,
          })
          .where(eq(contacts.id, intoId))
        await tx.update(contacts).set({ mergedInto: intoId, updatedAt: now }).where(eq(contacts.id, fromId))
        // Contacts merged into `from` earlier now point at the survivor directly.
        await tx.update(contacts).set({ mergedInto: intoId }).where(eq(contacts.mergedInto, fromId))
        return { ok: true as const, conversations: moved }
      })
    },
  }
}
