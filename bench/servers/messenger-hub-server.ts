// Child process: the real hub with the Messenger channel on (MESSENGER_* set), over the bench database or PGlite.
import { BENCH_MESSENGER } from '../messenger-webhook.ts'
import { serveHub } from './serve-hub.ts'

await serveHub(
  {
    MESSENGER_APP_SECRET: BENCH_MESSENGER.appSecret,
    MESSENGER_VERIFY_TOKEN: BENCH_MESSENGER.verifyToken,
    MESSENGER_PAGE_ACCESS_TOKEN: BENCH_MESSENGER.pageAccessToken,
    MESSENGER_API_URL: BENCH_MESSENGER.apiUrl,
  },
  (config) => {
    if (!config.messenger) throw new Error('the Messenger channel is not on')
  },
)
