// Starts the hub as `npm start` would (a child process on the built console and widget) and waits for /health.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { freePort } from '../support/free-port.ts'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface HubProcess {
  url: string
  output(): string
  stop(): Promise<void>
}

/** `demo`: load the demo floor first (`npm run admin -- demo`), as a newcomer would. */
export async function startHubProcess(env: Record<string, string>, opts: { demo?: boolean } = {}): Promise<HubProcess> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'inbox-browser-'))
  const url = `http://127.0.0.1:${port}`
  const fullEnv = { ...process.env, DATABASE_URL: '', NATS_URL: '', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }
  if (opts.demo) execFileSync(process.execPath, ['--import', 'tsx', 'inbox-server/admin-cli.ts', 'demo'], { env: fullEnv, stdio: 'ignore' })
  let out = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'inbox-server/main.ts'], {
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (out += String(d)))
  child.stderr?.on('data', (d) => (out += String(d)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited early:\n${out}`)
    try {
      const r = await fetch(`${url}/health`)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`hub did not become healthy in 60 s:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    output: () => out,
    async stop() {
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
