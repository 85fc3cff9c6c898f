// Starts a bench server (bench/servers/*.ts) as a child process, talks to it over IPC, and always stops it.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createBenchDatabase } from './bench-database.ts'
import { onAbort } from './cleanup.ts'
import type { FromChild, ToChild } from './servers/server-ipc.ts'

export type ServerName = 'hub-server' | 'bare-relay' | 'bare-ws' | 'messenger-hub-server' | 'bare-webhook'

export interface ChildServer {
  name: ServerName
  port: number
  dbKind: string
  /** process.memoryUsage() in the child after several GCs and a settle. */
  memory(): Promise<NodeJS.MemoryUsage>
  stop(): Promise<void>
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export async function startChildServer(name: ServerName, databaseUrl: string | undefined): Promise<ChildServer> {
  const script = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url))
  const flags = ['--import', 'tsx', '--expose-gc']
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each hub child when it stops (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_CPU_PROF
  if (profileDir && (name === 'hub-server' || name === 'messenger-hub-server')) flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`)
  const child = spawn(process.execPath, [...flags, script], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_SERVER_DATABASE_URL: databaseUrl ?? '' },
  })
  const forget = onAbort({ sync: () => kill(child) })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  try {
    const ready = await new Promise<Extract<FromChild, { type: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in 120 s`)), 120_000)
      child.on('message', (m: FromChild) => {
        if (m.type !== 'ready' && m.type !== 'failed') return
        clearTimeout(timer)
        if (m.type === 'ready') resolve(m)
        else reject(new Error(`${name} failed to start: ${m.message}`))
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited before it was ready (${code ?? signal})`))
      })
    })
    return {
      name,
      port: ready.port,
      dbKind: ready.dbKind,
      memory: () =>
        new Promise((resolve, reject) => {
          const onMessage = (m: FromChild) => {
            if (m.type !== 'memory' && m.type !== 'failed') return
            child.off('message', onMessage)
            if (m.type === 'memory') resolve(m.usage)
            else reject(new Error(`${name}: ${m.message}`))
          }
          child.on('message', onMessage)
          tell(child, { type: 'memory' })
        }),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          tell(child, { type: 'stop' })
          const timer = setTimeout(() => kill(child), 15_000)
          await exited
          clearTimeout(timer)
        }
        forget()
      },
    }
  } catch (err) {
    kill(child)
    forget()
    throw err
  }
}

/** Runs `fn` against a fresh server (and, on PostgreSQL, a fresh database); stops and drops both whatever happens. */
export async function withServer<T>(name: ServerName, adminUrl: string | undefined, fn: (server: ChildServer) => Promise<T>): Promise<T> {
  const database = name === 'bare-ws' ? undefined : await createBenchDatabase(adminUrl)
  try {
    const server = await startChildServer(name, database?.url)
    try {
      return await fn(server)
    } finally {
      await server.stop()
    }
  } finally {
    await database?.drop()
  }
}

function tell(child: ChildProcess, m: ToChild) {
  if (child.connected) child.send(m)
}

function kill(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}
