// The real hub (startHub) for a bench child process, on a random port, over the bench database or an in-memory
// PGlite; `env` adds settings (a channel's secrets).
import { openDatabase } from '../../db/client.ts'
import { readConfig, type Config } from '../../inbox-server/config.ts'
import { startHub } from '../../inbox-server/hub.ts'
import { BENCH_ADMIN, serveParent } from './server-ipc.ts'

export async function serveHub(env: Record<string, string> = {}, check: (config: Config) => void = () => {}): Promise<void> {
  await serveParent(async () => {
    const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL
    const cfg = readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ALLOWED_ORIGINS: '*',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      ...env,
    })
    if (!cfg.ok) throw new Error(cfg.errors.join('; '))
    check(cfg.config)
    // Without a URL the hub would open PGlite in DATA_DIR on disk; the bench wants it in memory.
    const database = databaseUrl ? undefined : await openDatabase({ kind: 'pglite' })
    const hub = await startHub(cfg.config, database ? { database } : {})
    return {
      port: hub.port,
      dbKind: hub.dbKind,
      async close() {
        await hub.close()
        await database?.close()
      },
    }
  })
}
