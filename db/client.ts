// Database client factory: embedded PGlite in DATA_DIR by default, PostgreSQL via postgres.js when DATABASE_URL is set.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import * as schema from './schema.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DbKind
  close(): Promise<void>
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

export type OpenOptions =
  | { kind: 'postgres'; url: string; max?: number }
  | { kind: 'pglite'; dataDir?: string; client?: PGlite }

/** Opens the database and applies pending migrations. `dataDir` undefined means in memory. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'postgres') {
    const sql = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} })
    const db = drizzlePostgres({ client: sql, schema })
    await migratePostgres(db, { migrationsFolder })
    return { db: db as unknown as Db, kind: 'postgres', close: () => sql.end({ timeout: 5 }) }
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true })
  const client = opts.client ?? (await PGlite.create(opts.dataDir))
  const db = drizzlePglite({ client, schema })
  await migratePglite(db, { migrationsFolder })
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() }
}
