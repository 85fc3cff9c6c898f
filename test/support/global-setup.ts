// Runs once before the test files: prepares the migrated PGlite template they load.
import { ensureTemplate } from './pglite-template.ts'

export default async function setup(): Promise<void> {
  await ensureTemplate()
}
