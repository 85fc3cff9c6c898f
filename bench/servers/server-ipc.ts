// The child side of a bench server: reports its port over IPC, answers GC-settled memory readings, stops on request.

export const BENCH_ADMIN = { email: 'bench-admin@example.pl', password: 'bench-password-0123' }

export type ToChild = { type: 'memory' } | { type: 'stop' }
export type FromChild =
  | { type: 'ready'; port: number; dbKind: string }
  | { type: 'memory'; usage: NodeJS.MemoryUsage }
  | { type: 'failed'; message: string }

function tell(m: FromChild) {
  process.send?.(m)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Memory after several full collections and a short settle, so garbage does not count as sockets. */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = globalThis.gc
  if (!gc) throw new Error('bench servers must run with --expose-gc')
  for (let i = 0; i < 6; i++) {
    gc()
    await sleep(60)
  }
  await sleep(400)
  gc()
  return process.memoryUsage()
}

/** Starts a server with `start` and serves the parent until it says stop (or goes away). */
export async function serveParent(start: () => Promise<{ port: number; dbKind: string; close(): Promise<void> }>): Promise<void> {
  if (!process.send) throw new Error('bench servers are started by bench/run.ts with an IPC channel')
  // If the parent dies, so do we: no orphaned servers holding ports or databases.
  process.on('disconnect', () => process.exit(1))
  let server: Awaited<ReturnType<typeof start>>
  try {
    server = await start()
  } catch (err) {
    tell({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
    process.exit(1)
  }
  process.on('message', (m: ToChild) => {
    if (m.type === 'memory') {
      settledMemory().then(
        (usage) => tell({ type: 'memory', usage }),
        (err: unknown) => tell({ type: 'failed', message: String(err) }),
      )
    } else if (m.type === 'stop') {
      const bye = (code: number) => () => process.exit(code)
      server.close().then(bye(0), bye(1))
    }
  })
  tell({ type: 'ready', port: server.port, dbKind: server.dbKind })
}
