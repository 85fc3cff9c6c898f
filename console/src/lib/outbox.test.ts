// Unit tests for pending sends: ack, failure, retry state, settling by clientId, and what goes out again after a reconnect.
import { describe, expect, it } from 'vitest'
import { addPending, markAcked, markFailed, markSending, removePending, settle, toResend, type PendingSend } from './outbox.ts'

function pending(clientId: string, extra: Partial<PendingSend> = {}): PendingSend {
  return {
    clientId,
    conversationId: 'conv',
    text: `text ${clientId}`,
    private: false,
    state: 'sending',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...extra,
  }
}

describe('outbox', () => {
  it('keeps one entry per clientId', () => {
    const list = addPending(addPending([], pending('a')), pending('a', { text: 'again' }))
    expect(list).toHaveLength(1)
    expect(list[0]?.text).toBe('again')
  })

  it('marks acked, failed and sending again', () => {
    let list = [pending('a'), pending('b')]
    list = markAcked(list, 'a', 7)
    list = markFailed(list, 'b', 'rate_limited')
    expect(list.map((p) => [p.state, p.seq, p.error])).toEqual([
      ['sent', 7, undefined],
      ['failed', undefined, 'rate_limited'],
    ])
    list = markSending(list, 'b')
    expect(list[1]).toMatchObject({ state: 'sending', error: undefined })
  })

  it('does not fail a message the hub already acknowledged', () => {
    const list = markFailed(markAcked([pending('a')], 'a', 3), 'a', 'internal')
    expect(list[0]?.state).toBe('sent')
  })

  it('settles messages whose events arrived, by clientId', () => {
    const list = [pending('a'), pending('b'), pending('c')]
    const left = settle(list, [{ clientId: 'b' }, { clientId: null }, { clientId: 'zzz' }])
    expect(left.map((p) => p.clientId)).toEqual(['a', 'c'])
    expect(settle(list, [{ clientId: null }])).toBe(list)
  })

  it('resends only unacknowledged, not-failed messages, with their clientIds', () => {
    const list = [pending('a'), pending('b', { state: 'sent', seq: 4 }), pending('c', { state: 'failed', error: 'x' })]
    expect(toResend(list).map((p) => p.clientId)).toEqual(['a'])
    expect(removePending(list, 'a').map((p) => p.clientId)).toEqual(['b', 'c'])
  })
})
