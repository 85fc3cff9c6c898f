// `npm run admin -- …`: adds and lists staff accounts, issues API tokens and loads demo data in the configured database.
import { randomBytes } from 'node:crypto'
import { openDatabase } from '../db/client.ts'
import { addConsultant } from './app/add-consultant.ts'
import { issueApiToken } from './app/issue-api-token.ts'
import { ensureFirstAdmin } from './app/first-admin.ts'
import { loadDemoData } from './app/load-demo-data.ts'
import { readConfig } from './config.ts'
import { createDrizzleStore } from './store/drizzle-store.ts'

const USAGE = `Usage:
  npm run admin -- list
  npm run admin -- add <email> <name> [consultant|second_line|supervisor|admin] [--password-stdin]
  npm run admin -- token <email> <token name>     (an API token acting as that account, shown once)
  npm run admin -- demo                           (demo queues, three offices and demo staff; safe to repeat)

Without --password-stdin a password is generated and printed once.
With embedded PGlite (no DATABASE_URL), stop the hub first: one data directory serves one process.`

class UsageError extends Error {}

const [command, ...args] = process.argv.slice(2)
const parsed = readConfig(process.env)
if (!parsed.ok) {
  console.error(parsed.errors.join('\n'))
  process.exit(1)
}
if (command !== 'list' && command !== 'add' && command !== 'token' && command !== 'demo') {
  console.error(USAGE)
  process.exit(command ? 2 : 0)
}
const c = parsed.config
const database = await openDatabase(c.databaseUrl ? { kind: 'postgres', url: c.databaseUrl, max: 1 } : { kind: 'pglite', dataDir: c.dataDir })
const store = createDrizzleStore(database)
let code = 0
try {
  if (command === 'list') {
    for (const s of await store.listConsultants()) console.log([s.email, s.role, s.name, s.disabled ? 'disabled' : 'active'].join('\t'))
  } else if (command === 'demo') {
    // The administrator comes first: once demo staff exist, the hub would no longer create one at start.
    const admin = await ensureFirstAdmin(store, { email: c.adminEmail, password: c.adminPassword, queueId: (await store.ensureDefaults()).defaultQueueId })
    if (admin.created) console.log(`Administrator ${admin.email}` + (admin.generatedPassword ? ` with password (shown once): ${admin.generatedPassword}` : ' with ADMIN_PASSWORD'))
    const r = await loadDemoData(store, () => randomBytes(9).toString('base64url'))
    console.log(`Demo data: ${r.queues} queues and ${r.offices} offices added.`)
    for (const s of r.staff) console.log(`  ${s.email}  password (shown once): ${s.password}`)
    if (r.staff.length === 0) console.log('  The demo staff already exist.')
  } else if (command === 'token') {
    const [email, ...name] = args
    if (!email || name.length === 0) throw new UsageError()
    const r = await issueApiToken(store, { email, name: name.join(' ') })
    if (!r.ok) {
      console.error(r.message)
      code = 1
    } else {
      console.log(`API token (shown once; send as "Authorization: Bearer <token>"): ${r.token}`)
    }
  } else {
    const positional = args.filter((a) => !a.startsWith('--'))
    const [email, name, role] = positional
    if (!email || !name) throw new UsageError()
    const password = args.includes('--password-stdin') ? (await readStdin()).trim() : undefined
    const r = await addConsultant(store, { email, name, ...(role ? { role } : {}), ...(password ? { password } : {}) })
    if (!r.ok) {
      console.error(r.message)
      code = 1
    } else {
      console.log(`Added ${r.consultant.email} (${r.consultant.role}).`)
      if (r.generatedPassword) console.log(`Password (shown once): ${r.generatedPassword}`)
    }
  }
} catch (err) {
  if (!(err instanceof UsageError)) throw err
  console.error(USAGE)
  code = 2
} finally {
  await database.close()
}
process.exit(code)


async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
