// A hub in a child process for tests that need several nodes as separate processes (own event loop, own pool).
// Configured from its environment like `npm start`; tells its parent the port over IPC, and stops on 'stop'.
import { readConfig } from '../../inbox-server/config.ts'
import { startHub } from '../../inbox-server/hub.ts'

const cfg = readConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' })
if (!cfg.ok) throw new Error(cfg.errors.join('; '))
const hub = await startHub(cfg.config)
process.send?.({ type: 'ready', port: hub.port })
process.on('message', (m: { type?: string }) => {
  if (m.type !== 'stop') return
  void hub.close().finally(() => process.exit(0))
})
// Never outlive the test runner.
process.on('disconnect', () => process.exit(0))
