// Unit tests for the displayed timeline: (occurredAt, seq) order, and edits, attachment states and delivery states
// folded into their messages without rows of their own, delivery never going backwards.
import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '$protocol/rest.ts'
import { timelineOrder } from '../../../protocol/rest.ts'
import { applyLive, applyPage, emptyTimeline } from './timeline.ts'
import { buildRows, emailOf, emailSrcdoc, hasWholeMessage, isUpdateOnly, nextDelivery, toAttachment, type DeliveryState } from './timeline-view.ts'

const T0 = Date.parse('2025-03-01T10:00:00.000Z')
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString()

function ev(seq: number, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  const createdAt = extra.createdAt ?? at(seq)
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId: '11111111-1111-4111-8111-111111111111',
    seq,
    type: 'message',
    direction: 'in',
    text: `m${seq}`,
    author: { kind: 'contact', id: null, name: null },
    clientId: null,
    data: null,
    createdAt,
    occurredAt: createdAt,
    ...extra,
  }
}

const idOf = (seq: number) => ev(seq).id
const staff = (seq: number, extra: Partial<TimelineEvent> = {}) =>
  ev(seq, { direction: 'out', author: { kind: 'consultant', id: 'c1', name: 'Anna' }, ...extra })
const seqs = (rows: { event: TimelineEvent }[]) => rows.map((r) => r.event.seq)

describe('display order', () => {
  it('puts a late-arriving message where it happened, by occurredAt then seq', () => {
    const events = [ev(1), ev(2), ev(3, { occurredAt: at(1.5) }), ev(4)]
    expect(seqs(buildRows(events))).toEqual([1, 3, 2, 4])
  })

  it('orders events of the same moment by seq', () => {
    const same = at(5)
    expect(seqs(buildRows([ev(1, { occurredAt: same }), ev(2, { occurredAt: same })]))).toEqual([1, 2])
    expect(timelineOrder(ev(2, { occurredAt: same }), ev(1, { occurredAt: same }))).toBeGreaterThan(0)
  })

  it('keeps catching up by seq while showing by time', () => {
    const late = ev(3, { occurredAt: at(0.5) })
    const first = applyPage(emptyTimeline, [ev(1), ev(2)], 0).timeline
    const merged = applyLive(first, [late, ev(4)])
    expect(merged.timeline.lastSeq).toBe(4)
    expect(merged.timeline.events.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(seqs(buildRows(merged.timeline.events))).toEqual([3, 1, 2, 4])
    // The same event again changes nothing.
    expect(applyLive(merged.timeline, [late]).added).toEqual([])
  })
})

describe('edits', () => {
  it('applies an edit event to its message and hides the edit row', () => {
    const rows = buildRows([ev(1, { text: 'stary' }), ev(2, { type: 'edit', text: null, data: { eventId: idOf(1), text: 'nowy' } })])
    expect(rows).toHaveLength(1)
    expect(rows[0]?.text).toBe('nowy')
    expect(rows[0]?.edited).toBe(true)
  })

  it('shows a message the hub already stored as edited', () => {
    const rows = buildRows([ev(1, { text: 'nowy', data: { edited: { at: at(3), count: 2 } } })])
    expect(rows[0]?.edited).toBe(true)
    expect(rows[0]?.text).toBe('nowy')
  })

  it('applies edits in seq order and ignores edits of unknown messages', () => {
    const rows = buildRows([
      ev(1),
      ev(2, { type: 'edit', data: { eventId: idOf(1), text: 'a' } }),
      ev(3, { type: 'edit', data: { eventId: idOf(1), text: 'b' } }),
      ev(4, { type: 'edit', data: { eventId: 'nope', text: 'c' } }),
    ])
    expect(rows.map((r) => r.text)).toEqual(['b'])
  })
})

describe('attachments', () => {
  const pending = { id: 'att1', kind: 'image', name: 'zdjecie.jpg', contentType: 'image/jpeg', size: 2048, state: 'pending' }

  it('reads attachments and updates their state from attachment events', () => {
    const rows = buildRows([
      ev(1, { text: '', data: { attachments: [pending, { id: 'att2', kind: 'file', name: null, contentType: null, size: null, state: 'pending' }] } }),
      ev(2, { type: 'attachment', data: { eventId: idOf(1), attachment: { ...pending, state: 'stored', size: 4096 } } }),
      ev(3, { type: 'attachment', data: { eventId: idOf(1), attachment: { id: 'att2', kind: 'file', name: null, contentType: null, size: null, state: 'failed' } } }),
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0]?.attachments.map((a) => [a.id, a.state, a.size])).toEqual([
      ['att1', 'stored', 4096],
      ['att2', 'failed', null],
    ])
  })

  it('never turns a stored attachment back to pending', () => {
    const rows = buildRows([
      ev(1, { data: { attachments: [{ ...pending, state: 'stored' }] } }),
      ev(2, { type: 'attachment', data: { eventId: idOf(1), attachment: pending } }),
    ])
    expect(rows[0]?.attachments[0]?.state).toBe('stored')
  })

  it('keeps a location and drops malformed entries', () => {
    expect(toAttachment({ id: 'l', kind: 'location', name: null, contentType: null, size: null, state: 'stored', location: { lat: 52.23, long: 21.01 } })?.location).toEqual({
      lat: 52.23,
      long: 21.01,
    })
    expect(toAttachment({ kind: 'image' })).toBeNull()
    expect(toAttachment('x')).toBeNull()
    expect(toAttachment({ id: 'a', kind: 'weird', state: 'odd' })).toMatchObject({ kind: 'other', state: 'pending' })
  })
})

describe('delivery', () => {
  it('gives staff messages a state and hides receipt rows', () => {
    const rows = buildRows([
      staff(1),
      staff(2),
      ev(3, { type: 'delivery', direction: null, data: { messageId: idOf(1), state: 'sent' } }),
      ev(4, { type: 'delivery', direction: null, data: { messageId: idOf(2), state: 'sent' } }),
      ev(5, { type: 'delivery', direction: null, data: { messageIds: [idOf(1), idOf(2)], state: 'delivered', watermark: at(3) } }),
      ev(6, { type: 'delivery', direction: null, data: { messageIds: [idOf(1)], state: 'read', watermark: at(1) } }),
    ])
    expect(seqs(rows)).toEqual([1, 2])
    expect(rows.map((r) => r.delivery?.state)).toEqual(['read', 'delivered'])
  })

  it('never goes backwards', () => {
    const rows = buildRows([
      staff(1),
      ev(2, { type: 'delivery', data: { messageIds: [idOf(1)], state: 'read' } }),
      ev(3, { type: 'delivery', data: { messageIds: [idOf(1)], state: 'delivered' } }),
      ev(4, { type: 'delivery', data: { messageId: idOf(1), state: 'sent' } }),
    ])
    expect(rows[0]?.delivery?.state).toBe('read')
  })

  it('keeps a failed delivery visible as a row and marks its message', () => {
    const rows = buildRows([staff(1), ev(2, { type: 'delivery', direction: null, data: { messageId: idOf(1), state: 'failed', error: 'blocked' } })])
    expect(seqs(rows)).toEqual([1, 2])
    expect(rows[0]?.delivery).toEqual({ state: 'failed', error: 'blocked' })
  })

  it('applies a watermark to every staff message up to it, not to the citizen’s', () => {
    const rows = buildRows([ev(1), staff(2), staff(10), ev(11, { type: 'delivery', data: { messageIds: [], state: 'read', watermark: at(5) } })])
    expect(rows.map((r) => r.delivery?.state ?? null)).toEqual([null, 'read', null])
  })

  it('orders states as the hub does: only forward, a failure final', () => {
    const d = (state: DeliveryState, error: string | null = null) => ({ state, error })
    expect(nextDelivery(null, d('failed', 'x')).state).toBe('failed')
    // A bounced e-mail or an SMS the operator could not deliver, after it was sent.
    expect(nextDelivery(d('sent'), d('failed', 'x'))).toEqual(d('failed', 'x'))
    expect(nextDelivery(d('queued'), d('undelivered', '30003'))).toEqual(d('undelivered', '30003'))
    expect(nextDelivery(d('sent'), d('undelivered', '30005')).state).toBe('undelivered')
    // Final: nothing moves a failure on, and the first one stays.
    expect(nextDelivery(d('failed', 'x'), d('delivered')).state).toBe('failed')
    expect(nextDelivery(d('undelivered', 'a'), d('sent'))).toEqual(d('undelivered', 'a'))
    expect(nextDelivery(d('undelivered', 'a'), d('failed', 'b'))).toEqual(d('undelivered', 'a'))
    // The hub only reports a failure that moves the message on; it ends the way wherever it was.
    expect(nextDelivery(d('delivered'), d('undelivered', 'x')).state).toBe('undelivered')
    expect(nextDelivery(d('read'), d('failed', 'x')).state).toBe('failed')
    expect(nextDelivery(d('failed', 'x'), d('read')).state).toBe('failed')
    // Only forward.
    expect(nextDelivery(d('delivered'), d('sent')).state).toBe('delivered')
    expect(nextDelivery(d('sent'), d('queued')).state).toBe('sent')
    expect(nextDelivery(d('queued'), d('sent')).state).toBe('sent')
  })

  it('follows an SMS through queued, sent, undelivered without going back', () => {
    const delivery = (seq: number, state: string, extra: Record<string, unknown> = {}) =>
      ev(seq, { type: 'delivery', direction: null, data: { messageIds: [idOf(1)], state, ...extra } })
    const queued = buildRows([staff(1), delivery(2, 'queued')])
    expect(queued[0]?.delivery?.state).toBe('queued')
    expect(seqs(queued)).toEqual([1])
    const rows = buildRows([staff(1), delivery(2, 'queued'), delivery(3, 'sent'), delivery(4, 'undelivered', { error: '30003' }), delivery(5, 'queued'), delivery(6, 'sent')])
    expect(rows[0]?.delivery).toEqual({ state: 'undelivered', error: '30003' })
    // The undelivered receipt keeps a row of its own, like a failure.
    expect(seqs(rows)).toEqual([1, 4])
  })

  it('marks a bounced e-mail failed after it was sent', () => {
    const rows = buildRows([
      staff(1),
      ev(2, { type: 'delivery', direction: null, data: { messageIds: [idOf(1)], state: 'sent' } }),
      ev(3, { type: 'delivery', direction: null, data: { messageIds: [idOf(1)], state: 'failed', error: '550 5.1.1 no such user' } }),
    ])
    expect(rows[0]?.delivery).toEqual({ state: 'failed', error: '550 5.1.1 no such user' })
  })

  it('ignores delivery states it does not know', () => {
    const rows = buildRows([staff(1), ev(2, { type: 'delivery', data: { messageIds: [idOf(1)], state: 'accepted' } })])
    expect(rows[0]?.delivery).toBeNull()
  })

  it('knows which events are updates only', () => {
    expect(isUpdateOnly(ev(1, { type: 'edit' }))).toBe(true)
    expect(isUpdateOnly(ev(1, { type: 'attachment' }))).toBe(true)
    expect(isUpdateOnly(ev(1, { type: 'delivery', data: { state: 'sent' } }))).toBe(true)
    expect(isUpdateOnly(ev(1, { type: 'delivery', data: { state: 'failed' } }))).toBe(false)
    expect(isUpdateOnly(ev(1, { type: 'delivery', data: { state: 'undelivered' } }))).toBe(false)
    expect(isUpdateOnly(ev(1, { type: 'delivery', data: { state: 'queued' } }))).toBe(true)
    expect(isUpdateOnly(ev(1, { type: 'status', data: { status: 'resolved' } }))).toBe(false)
  })
})

describe('replies and buttons', () => {
  it('quotes the answered message when it is in the timeline', () => {
    const rows = buildRows([staff(1, { text: 'Czy mogę pomóc?' }), ev(2, { text: 'Tak', data: { replyTo: idOf(1) } }), ev(3, { data: { replyTo: 'gone' } })])
    expect(rows[1]?.replyTo).toMatchObject({ found: true, text: 'Czy mogę pomóc?' })
    expect(rows[2]?.replyTo).toEqual({ found: false })
    expect(rows[0]?.replyTo).toBeNull()
  })

  it('quotes the latest text of an edited target, shortened', () => {
    const long = 'x'.repeat(200)
    const rows = buildRows([ev(1), ev(2, { data: { replyTo: idOf(1) } }), ev(3, { type: 'edit', data: { eventId: idOf(1), text: long } })])
    const reply = rows[1]?.replyTo
    expect(reply?.found && reply.text.length).toBe(80)
  })

  it('reads a pressed button', () => {
    const rows = buildRows([ev(1, { text: 'Tak', data: { button: { kind: 'quick_reply', payload: 'YES' } } })])
    expect(rows[0]?.button).toEqual({ kind: 'quick_reply', payload: 'YES' })
  })
})

describe('e-mail and SMS extras', () => {
  const email = { subject: 'Zasiłek', messageId: '<a@b>', fullText: 'Nowa część\n\n> stara wiadomość', html: '<p>Nowa część</p>' }

  it('reads the e-mail extras of a message', () => {
    const rows = buildRows([ev(1, { text: 'Nowa część', data: { email } })])
    expect(rows[0]?.email).toEqual({ subject: 'Zasiłek', fullText: 'Nowa część\n\n> stara wiadomość', html: '<p>Nowa część</p>', truncated: false })
    expect(emailOf({ email: { ...email, truncated: true } })?.truncated).toBe(true)
    expect(rows[0]?.text).toBe('Nowa część')
  })

  it('treats a blank subject or HTML as none and ignores what is not e-mail data', () => {
    expect(emailOf({ email: { subject: '  ', fullText: 'x', html: ' ' } })).toEqual({ subject: null, fullText: 'x', html: null, truncated: false })
    expect(emailOf({ email: 'x' })).toBeNull()
    expect(emailOf(null)).toBeNull()
    expect(buildRows([ev(1)])[0]?.email).toBeNull()
  })

  it('offers the whole message only when it shows more', () => {
    const info = (fullText: string | null, html: string | null) => ({ subject: null, fullText, html, truncated: false })
    expect(hasWholeMessage(info('a\n> b', null), 'a')).toBe(true)
    expect(hasWholeMessage(info('a', '<p>a</p>'), 'a')).toBe(true)
    expect(hasWholeMessage(info(' a ', null), 'a')).toBe(false)
    expect(hasWholeMessage(info(null, null), 'a')).toBe(false)
    expect(hasWholeMessage(null, 'a')).toBe(false)
  })

  it('puts the frame policy before any of the mail', () => {
    const doc = emailSrcdoc('<p>Treść</p><meta http-equiv="Content-Security-Policy" content="default-src *">')
    expect(doc.startsWith(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src cid: data:">`)).toBe(true)
    expect(doc.endsWith('<p>Treść</p><meta http-equiv="Content-Security-Policy" content="default-src *">')).toBe(true)
    expect(doc).toContain('<base target="_blank">')
  })

  it('marks automatic mail and SMS keywords on the citizen’s messages only', () => {
    const rows = buildRows([
      ev(1, { data: { email, automatic: 'auto_reply' } }),
      ev(2, { data: { email, automatic: 'list' } }),
      ev(3, { data: { automatic: 'spam' } }),
      ev(4, { text: 'STOP', data: { optOut: 'stop' } }),
      ev(5, { text: 'START', data: { optOut: 'start' } }),
      staff(6, { data: { optOut: 'stop', automatic: 'list' } }),
    ])
    expect(rows.map((r) => r.automatic)).toEqual(['auto_reply', 'list', null, null, null, null])
    expect(rows.map((r) => r.optOut)).toEqual([null, null, null, 'stop', 'start', null])
  })
})

describe('calls', () => {
  it('keeps a voicemail row with its recording, stored when the attachment update arrives', () => {
    const audio = { id: 'rec1', kind: 'audio', name: 'nagranie-1.mp3', contentType: 'audio/mpeg', size: null, state: 'pending' }
    const rows = buildRows([
      ev(1, { type: 'call', text: null, data: { callSid: 'CA1', state: 'voicemail', from: '+48600100200' } }),
      ev(2, { type: 'call', text: null, data: { kind: 'voicemail', callSid: 'CA1', durationSeconds: 7, attachments: [audio] } }),
      ev(3, { type: 'attachment', data: { eventId: idOf(2), attachment: { ...audio, state: 'stored', size: 2048 } } }),
    ])
    expect(seqs(rows)).toEqual([1, 2])
    expect(rows[1]!.attachments).toEqual([{ ...audio, kind: 'audio', state: 'stored', size: 2048 }])
    expect(rows[0]!.attachments).toEqual([])
  })
})
