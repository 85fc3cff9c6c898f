// A lean WebSocket client for the benchmarks: JSON frames in and out, frame listeners, and waiting for one frame.
import WebSocket from 'ws'

export type Frame = { type: string; [k: string]: unknown }

export class BenchSocket {
  private listeners = new Set<(f: Frame) => void>()

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame
      for (const l of this.listeners) l(f)
    })
  }

  /** Opens a socket; with `first`, also waits for the first matching frame (one the server sends unasked, e.g. `welcome`). */
  static open(url: string, headers: Record<string, string>, first?: (f: Frame) => boolean, timeoutMs = 30_000): Promise<BenchSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false })
      const s = new BenchSocket(ws)
      // Listen before the upgrade completes: the server may send its first frame in the same packet.
      const greeted = first ? s.waitFor(first, timeoutMs) : Promise.resolve(undefined)
      greeted.catch(() => {})
      ws.once('open', () => {
        // After the open, a reset socket shows up as a close (and a timed-out wait), not as a crash of the bench.
        ws.on('error', () => {})
        greeted.then(() => resolve(s), reject)
      })
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    })
  }

  send(frame: object) {
    this.ws.send(JSON.stringify(frame))
  }

  onFrame(listener: (f: Frame) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The next frame that matches, arriving after this call. */
  waitFor(pred: (f: Frame) => boolean, timeoutMs = 30_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const off = this.onFrame((f) => {
        if (!pred(f)) return
        off()
        clearTimeout(timer)
        resolve(f)
      })
      const timer = setTimeout(() => {
        off()
        reject(new Error(`no matching frame within ${timeoutMs} ms`))
      }, timeoutMs)
    })
  }

  /** Sends a frame and waits for the reply that matches. */
  request(frame: object, pred: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame> {
    const reply = this.waitFor(pred, timeoutMs)
    this.send(frame)
    return reply
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve()
      const timer = setTimeout(() => this.ws.terminate(), 2_000)
      this.ws.once('close', () => (clearTimeout(timer), resolve()))
      this.ws.close()
    })
  }
}

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export const randomClientId = () => crypto.randomUUID().replaceAll('-', '')
