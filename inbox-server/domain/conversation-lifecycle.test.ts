import { describe, expect, it } from 'vitest'
import { afterCitizenMessage, afterStaffReply } from './conversation-lifecycle.ts'

describe('conversation lifecycle', () => {
  it('reopens a resolved conversation into its queue when the citizen writes again', () => {
    expect(afterCitizenMessage({ status: 'resolved', assigneeId: 'a' })).toEqual({
      status: 'queued',
      assigneeId: null,
      transition: 'reopened',
    })
  })
  it('gives a pending conversation back to its assignee when the citizen answers', () => {
    expect(afterCitizenMessage({ status: 'pending', assigneeId: 'a' })).toMatchObject({ status: 'assigned', transition: 'resumed' })
  })
  it('leaves a queued conversation as it is', () => {
    expect(afterCitizenMessage({ status: 'queued', assigneeId: null }).transition).toBeNull()
  })
  it('assigns an unassigned conversation to the consultant who answers it', () => {
    expect(afterStaffReply({ status: 'queued', assigneeId: null }, 'c1')).toEqual({
      status: 'assigned',
      assigneeId: 'c1',
      transition: 'assigned',
    })
  })
  it('does not take a conversation away from its assignee', () => {
    expect(afterStaffReply({ status: 'assigned', assigneeId: 'c1' }, 'c2')).toMatchObject({ assigneeId: 'c1', transition: null })
  })
})
