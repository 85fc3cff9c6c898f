// Starts hubs as child processes (test/support/hub-child.ts) on one database, and always stops them.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface HubChild {
  url: string
  output(): string
  stop(): Promise<void>
}

const script = fileURLToPath(new URL('./hub-child.ts', import.meta.url))
const root = fileURLToPath(new URL('../..', import.meta.url))

export async function startHubChild(env: Record<string, string>): Promise<HubChild> {
  let out = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.stdout?.on('data', (d) => (out += String(d)))
  child.stderr?.on('data', (d) => (out += String(d)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub child did not start in 60 s:\n${out}`)), 60_000)
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'ready' && m.port) {
        clearTimeout(timer)
        resolve(m.port)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`hub child exited (${code}) before it was ready:\n${out}`))
    })
  }).catch((err: unknown) => {
    child.kill('SIGKILL')
    throw err
  })
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return
      child.send({ type: 'stop' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
