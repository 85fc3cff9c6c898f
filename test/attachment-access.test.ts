// Who may download an attachment: staff who may see its conversation, and the conversation's own widget visitor;
// anyone else gets the same answer as for an id that does not exist. Names with Polish letters survive the header.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentDisposition } from '../inbox-server/http/attachment-routes.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
let admin: string
beforeAll(async () => {
  t = await startTestHub()
  admin = await t.login()
})
afterAll(async () => t?.close())

/** A visitor's message with a stored attachment, written through the store as a connector's fetch would leave it. */
async function visitorWithAttachment() {
  const { socket, welcome } = await t.visitor()
  const ack = await socket.request({ type: 'send', clientId: newClientId(), text: 'Przesyłam skan' }, (f) => f.type === 'ack')
  await socket.close()
  const id = randomBytes(16).toString('base64url')
  await t.hub.store.transaction((tx) =>
    tx.insertAttachments(String(ack.id), String(ack.conversationId), 'webchat', [{ id, kind: 'file', name: 'wniosek-źródłowy.pdf', contentType: 'application/pdf', size: null, ref: 'upload' }], new Date()),
  )
  expect(await t.hub.store.storeAttachment(id, new TextEncoder().encode('%PDF-1.7'), null)).toMatchObject({ state: 'stored', size: 8 })
  return { id, token: String(welcome.visitorToken) }
}

describe('attachment access', () => {
  it('serves the conversation’s own visitor and staff, nobody else', async () => {
    const mine = await visitorWithAttachment()
    const other = await visitorWithAttachment()
    const asVisitor = (token: string, id: string) => t.api(`/api/attachments/${id}`, { headers: { authorization: `Visitor ${token}` } })
    const own = await asVisitor(mine.token, mine.id)
    expect(own.status).toBe(200)
    expect(await own.text()).toBe('%PDF-1.7')
    expect(own.headers.get('content-type')).toBe('application/pdf')
    expect(own.headers.get('content-disposition')).toContain("filename*=UTF-8''wniosek-%C5%BAr%C3%B3d%C5%82owy.pdf")
    expect((await asVisitor(other.token, mine.id)).status).toBe(404)
    expect((await asVisitor(mine.token, randomBytes(16).toString('base64url'))).status).toBe(404)
    expect((await t.api(`/api/attachments/${mine.id}`, { token: admin })).status).toBe(200)
    expect((await t.api(`/api/attachments/${mine.id}`, { headers: { authorization: 'Visitor nieznany-token' } })).status).toBe(401)
  })

  it('keeps header injection and path tricks out of the file name', () => {
    const header = contentDisposition('a"\r\nSet-Cookie: x=1/../b.txt')
    expect(header).not.toMatch(/[\r\n]/)
    expect(header.startsWith('attachment; filename="a_')).toBe(true)
    expect(header).not.toContain('/..')
  })
})
