// A migrated database for one test file: in-memory PGlite, or a fresh PostgreSQL database dropped afterwards.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { openDatabase, type Database } from '../../db/client.ts'
import { clientFromTemplate } from './pglite-template.ts'

/** `url`: set on PostgreSQL, for hub processes that open the same database themselves. */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  if (process.env.TEST_DB !== 'postgres') {
    const client = await clientFromTemplate()
    return openDatabase(client ? { kind: 'pglite', client } : { kind: 'pglite' })
  }
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DB=postgres needs DATABASE_URL')
  // Each test file gets its own database, so parallel files and concurrent CI runs never collide.
  const name = `inbox_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), max: 10 })
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}
