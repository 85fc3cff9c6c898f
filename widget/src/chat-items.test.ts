// Tests for chat-items.ts: files sent by staff become downloadable entries of their message, only once stored.
import { describe, expect, it } from 'vitest'
import { chatItems } from './chat-items.ts'
import { dict } from './i18n.ts'
import { createTimeline, merge } from './timeline.ts'
import { event } from './test-fakes.ts'

describe('chat items', () => {
  it('lists the stored files of a staff message, not pending or failed ones', () => {
    const tl = createTimeline()
    const attachments = [
      { id: 'a'.repeat(22), kind: 'file', name: 'wzór wniosku.pdf', contentType: 'application/pdf', size: 2048, state: 'stored' },
      { id: 'b'.repeat(22), kind: 'image', name: 'x.png', contentType: 'image/png', size: null, state: 'pending' },
    ]
    merge(tl, event(1, { text: 'W załączniku wzór.', data: { attachments } }))
    merge(tl, event(2, { text: 'Bez pliku' }))
    const [withFile, without] = chatItems([tl], [], dict('pl'))
    expect(withFile).toMatchObject({ kind: 'msg', files: [{ id: 'a'.repeat(22), name: 'wzór wniosku.pdf', size: 2048 }] })
    expect(without).not.toHaveProperty('files')
  })
})
