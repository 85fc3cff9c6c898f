// Files staff send with a reply: uploaded first (multipart, documents and images only), then named in the message;
// stored with it at once, downloadable by staff and by the conversation's own widget visitor; an upload goes out
// once, only by the consultant who made it, and only on channels that carry files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TimelineEvent } from '../protocol/rest.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
let admin: string
beforeAll(async () => {
  t = await startTestHub()
  admin = await t.login()
})
afterAll(() => t?.close())

async function upload(token: string, name: string, type: string, bytes: Uint8Array | string) {
  const form = new FormData()
  form.append('file', new File([typeof bytes === 'string' ? bytes : Buffer.from(bytes)], name, { type }))
  return fetch(`${t.hub.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
}
const send = (token: string, id: string, body: object) => t.api(`/api/conversations/${id}/messages`, { method: 'POST', token, json: { clientId: newClientId(), ...body } })

describe('staff attachments', () => {
  it('sends an uploaded file with a reply on web chat; staff and the visitor download it, nobody else', async () => {
    const { socket: citizen, welcome } = await t.visitor()
    const id = (await citizen.request({ type: 'send', clientId: newClientId(), text: 'Proszę o wzór wniosku' }, (f) => f.type === 'ack')).conversationId as string
    // Bigger than the 256 kB of ordinary API bodies.
    const pdf = new Uint8Array(300 * 1024).fill(37)
    const up = await upload(admin, '../../wzór wniosku.pdf', 'application/pdf', pdf)
    expect(up.status).toBe(201)
    const file = (await up.json()) as { id: string; name: string; size: number }
    expect([file.name, file.size]).toEqual(['wzór wniosku.pdf', pdf.byteLength])

    const from = citizen.frames.length
    const r = await send(admin, id, { text: 'W załączniku wzór wniosku.', attachmentIds: [file.id] })
    expect(r.status).toBe(201)
    const event = (await r.json()) as TimelineEvent
    expect(event.data?.attachments).toEqual([{ id: file.id, kind: 'file', name: 'wzór wniosku.pdf', contentType: 'application/pdf', size: pdf.byteLength, state: 'stored' }])
    const live = await citizen.next((f) => f.type === 'event' && (f.event as TimelineEvent).id === event.id, from)
    expect((live.event as TimelineEvent).data?.attachments).toHaveLength(1)

    const asStaff = await t.api(`/api/attachments/${file.id}`, { token: admin })
    expect(new Uint8Array(await asStaff.arrayBuffer())).toEqual(pdf)
    const asVisitor = await t.api(`/api/attachments/${file.id}`, { headers: { authorization: `Visitor ${String(welcome.visitorToken)}` } })
    expect(asVisitor.status).toBe(200)
    const { welcome: other } = await t.visitor()
    expect([401, 404]).toContain((await t.api(`/api/attachments/${file.id}`, { headers: { authorization: `Visitor ${String(other.visitorToken)}` } })).status)

    // Sent once: naming the same upload again is refused and stores nothing.
    const again = await send(admin, id, { text: 'Jeszcze raz', attachmentIds: [file.id] })
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([409, 'attachments_refused'])
    await citizen.close()
  })

  it('refuses what is not a document or image, uploads of another consultant, and channels without files', async () => {
    expect((await upload(admin, 'skrypt.html', 'text/html', '<script>alert(1)</script>')).status).toBe(415)
    expect((await upload(admin, 'pusty.pdf', 'application/pdf', '')).status).toBe(400)
    const notMultipart = await t.api('/api/uploads', { method: 'POST', token: admin, json: { file: 'x' } })
    expect(notMultipart.status).toBe(415)
    expect((await fetch(`${t.hub.url}/api/uploads`, { method: 'POST' })).status).toBe(401)

    const ewa = await t.consultant(`ewa.pliki.${Date.now()}@example.pl`)
    const theirs = (await (await upload(ewa.token, 'jej.png', 'image/png', 'PNG')).json()) as { id: string }
    const id = await t.newChat('Pytanie')
    const foreign = await send(admin, id, { text: 'Cudzy plik', attachmentIds: [theirs.id] })
    expect(foreign.status).toBe(409)
    // Ewa's upload is still hers to send.
    expect((await send(ewa.token, id, { text: 'Mój plik', attachmentIds: [theirs.id] })).status).toBe(201)

    // A channel that does not carry files (SMS): refused, and the upload stays for another try.
    const channel = await t.hub.store.ensureChannel('sms', 'SMS')
    const contactId = await t.hub.store.findOrCreateContact('sms', '+48600900900')
    const sms = await t.hub.store.transaction((tx) => tx.insertConversation({ contactId, channelId: channel.id, channelKind: 'sms', queueId: null, now: new Date() }))
    const kept = (await (await upload(admin, 'ulotka.jpg', 'image/jpeg', 'JPEG')).json()) as { id: string }
    const refused = await send(admin, sms.id, { text: 'Ulotka', attachmentIds: [kept.id] })
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([409, 'attachments_refused'])
    // A private note may carry it anywhere: it never leaves the hub.
    expect((await send(admin, sms.id, { text: 'Ulotka dla zespołu', private: true, attachmentIds: [kept.id] })).status).toBe(201)
    await ewa.socket.close()
  })
})
