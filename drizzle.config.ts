// drizzle-kit: generates SQL migrations from db/schema into db/migrations (never edit a landed migration).
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
})
