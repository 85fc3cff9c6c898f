// Unit tests for the conversation list: order by activity, upsert, removal of resolved ones, and paging.
import { describe, expect, it } from 'vitest'
import type { Conversation } from '$protocol/rest.ts'
import { appendPage, compareByActivity, isOpen, removeConversation, upsertConversation } from './conversation-list.ts'

function conv(id: string, minute: number, extra: Partial<Conversation> = {}): Conversation {
  const at = new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString()
  return {
    id,
    channel: 'webchat',
    status: 'queued',
    contact: { id: `c-${id}`, name: null },
    queueId: null,
    officeId: null,
    assigneeId: null,
    priority: 0,
    lastSeq: 1,
    lastMessage: { text: 'hi', direction: 'in' },
    lastActivityAt: at,
    createdAt: at,
    sla: null,
    ...extra,
  }
}

const ids = (list: readonly Conversation[]) => list.map((c) => c.id)

describe('conversation list', () => {
  it('sorts newest activity first and breaks ties by id', () => {
    const list = [conv('b', 1), conv('c', 5), conv('a', 1)].sort(compareByActivity)
    expect(ids(list)).toEqual(['c', 'a', 'b'])
  })

  it('moves an updated conversation to the top', () => {
    const list = [conv('a', 9), conv('b', 8), conv('c', 7)]
    expect(ids(upsertConversation(list, conv('c', 10)))).toEqual(['c', 'a', 'b'])
  })

  it('adds a new conversation in its place and replaces, never duplicates', () => {
    const list = [conv('a', 9), conv('c', 7)]
    const next = upsertConversation(list, conv('b', 8))
    expect(ids(next)).toEqual(['a', 'b', 'c'])
    expect(ids(upsertConversation(next, conv('b', 8, { status: 'assigned' })))).toEqual(['a', 'b', 'c'])
  })

  it('drops a conversation once it is resolved', () => {
    const list = [conv('a', 9), conv('b', 8)]
    expect(ids(upsertConversation(list, conv('a', 11, { status: 'resolved' })))).toEqual(['b'])
    expect(isOpen({ status: 'snoozed' })).toBe(true)
    expect(isOpen({ status: 'resolved' })).toBe(false)
  })

  it('does not change the list it was given', () => {
    const list = [conv('a', 9), conv('b', 8)]
    upsertConversation(list, conv('b', 12))
    removeConversation(list, 'a')
    expect(ids(list)).toEqual(['a', 'b'])
  })

  it('appends a page without duplicates, keeping the newer copy', () => {
    const first = [conv('a', 9), conv('b', 8)]
    const page = [conv('b', 3), conv('c', 2), conv('d', 1, { status: 'resolved' })]
    const merged = appendPage(first, page)
    expect(ids(merged)).toEqual(['a', 'b', 'c'])
    expect(merged[1]?.lastActivityAt).toBe(conv('b', 8).lastActivityAt)
  })
})
