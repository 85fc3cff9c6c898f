// Child process: the real hub with the Messenger channel on (MESSENGER_* set), over the bench database or PGlite.
import { openDatabase } from '../../db/client.ts'
import { readConfig } from '../../inbox-server/config.ts'
import { startHub } from '../../inbox-server/hub.ts'
import { BENCH_MESSENGER } from '../messenger-webhook.ts'
import { BENCH_ADMIN, serveParent } from './server-ipc.ts'

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
    MESSENGER_APP_SECRET: BENCH_MESSENGER.appSecret,
    MESSENGER_VERIFY_TOKEN: BENCH_MESSENGER.verifyToken,
    MESSENGER_PAGE_ACCESS_TOKEN: BENCH_MESSENGER.pageAccessToken,
    MESSENGER_API_URL: BENCH_MESSENGER.apiUrl,
  })
  if (!cfg.ok) throw new Error(cfg.errors.join('; '))
  if (!cfg.config.messenger) throw new Error('the Messenger channel is not on')
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
