// A WebSocket client for tests that records every frame and waits for the one a test expects.
import WebSocket from 'ws'

export type Frame = { type: string; [k: string]: unknown }

export class TestSocket {
  readonly frames: Frame[] = []
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = []
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame
      this.frames.push(f)
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true))
    })
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers })
      const s = new TestSocket(ws)
      ws.once('open', () => resolve(s))
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    })
  }

  /** Resolves with the upgrade's HTTP status when the server refuses it. */
  static refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers })
      ws.once('open', () => {
        ws.close()
        reject(new Error('upgrade was accepted'))
      })
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.once('error', () => {})
    })
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** The first frame (already received or still to come) after index `from` that matches. */
  next(pred: (f: Frame) => boolean, from = 0, timeoutMs = 5000): Promise<Frame> {
    const seen = this.frames.slice(from).find(pred)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(from))}`)), timeoutMs)
      this.waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) })
    })
  }

  /** Sends a frame and waits for the next frame of one of `types` that arrives after it. */
  async request(frame: unknown, pred: (f: Frame) => boolean): Promise<Frame> {
    const from = this.frames.length
    this.send(frame)
    return this.next(pred, from)
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve()
      this.ws.once('close', () => resolve())
      this.ws.close()
    })
  }
}
