// The composition root's entry point: reads the environment, starts the hub, prints how to sign in, stops cleanly.
import { readConfig } from './config.ts'
import { startHub } from './hub.ts'

const parsed = readConfig(process.env)
if (!parsed.ok) {
  console.error('Invalid configuration:\n' + parsed.errors.map((e) => `  - ${e}`).join('\n'))
  process.exit(1)
}
const config = parsed.config
const hub = await startHub(config)

const lines = [
  '',
  `Inbox hub on ${config.publicUrl}  (database: ${hub.dbKind}${hub.dbKind === 'pglite' ? `, data in ${config.dataDir}` : ''})`,
  `  console  ${config.publicUrl}/`,
  `  demo     ${config.publicUrl}/demo`,
  `  API      ${config.publicUrl}/api/openapi.json`,
]
if (hub.firstAdmin.created) {
  lines.push(`  Sign in as ${hub.firstAdmin.email}` + (hub.firstAdmin.generatedPassword ? ` with the generated password ${hub.firstAdmin.generatedPassword}  (shown only this once; change it)` : ' with ADMIN_PASSWORD'))
} else {
  lines.push('  Sign in with an existing account; add one with: npm run admin -- add <email> <name> [role]')
}
// Deliberately stdout and not the log: the one-time password must not end up in log storage.
process.stdout.write(lines.join('\n') + '\n\n')

let stopping = false
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return
    stopping = true
    hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
