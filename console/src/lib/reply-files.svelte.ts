// The files a consultant attaches to the reply being written: each uploaded at once (POST /api/uploads), listed
// with its state, removable before sending; their ids go with the message.
import type { Upload } from '$protocol/attachments.ts'
import { MAX_ATTACHMENT_BYTES, MAX_FILES_PER_MESSAGE, STAFF_UPLOAD_TYPES } from '../../../protocol/attachments.ts'
import { HttpError, request } from './api.ts'

export interface ReplyFile {
  key: string
  name: string
  size: number
  state: 'uploading' | 'ready' | 'failed'
  upload?: Upload
  error?: 'type' | 'size' | 'count' | 'failed'
}

/** Why a file cannot go, before it is sent anywhere; null when it can. */
export function refuseFile(file: { type: string; size: number }, already: number): ReplyFile['error'] | null {
  if (already >= MAX_FILES_PER_MESSAGE) return 'count'
  if (!Object.hasOwn(STAFF_UPLOAD_TYPES, file.type)) return 'type'
  if (file.size === 0 || file.size > MAX_ATTACHMENT_BYTES) return 'size'
  return null
}

export const ACCEPTED_TYPES = Object.keys(STAFF_UPLOAD_TYPES).join(',')

export class ReplyFiles {
  items = $state<ReplyFile[]>([])
  #next = 0

  get ids(): string[] {
    return this.items.flatMap((f) => (f.state === 'ready' && f.upload ? [f.upload.id] : []))
  }

  get uploading(): boolean {
    return this.items.some((f) => f.state === 'uploading')
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const key = `f${this.#next++}`
      const error = refuseFile(file, this.items.filter((f) => f.state !== 'failed').length)
      if (error) {
        this.items.push({ key, name: file.name, size: file.size, state: 'failed', error })
        continue
      }
      this.items.push({ key, name: file.name, size: file.size, state: 'uploading' })
      const form = new FormData()
      form.append('file', file)
      request<Upload>('/api/uploads', { method: 'POST', body: form })
        .then((upload) => this.#set(key, { state: 'ready', upload, name: upload.name }))
        .catch((err: unknown) => this.#set(key, { state: 'failed', error: err instanceof HttpError && err.status === 413 ? 'size' : err instanceof HttpError && err.status === 415 ? 'type' : 'failed' }))
    }
  }

  remove(key: string): void {
    this.items = this.items.filter((f) => f.key !== key)
  }

  clear(): void {
    this.items = []
  }

  #set(key: string, change: Partial<ReplyFile>): void {
    this.items = this.items.map((f) => (f.key === key ? { ...f, ...change } : f))
  }
}
