// Bundles the citizen chat widget into widget/dist/widget.js and fails if it grows past the size budget.
import { build } from 'esbuild'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const MAX_GZIP_BYTES = 30_000
const here = dirname(fileURLToPath(import.meta.url))
const outfile = join(here, 'dist', 'widget.js')

mkdirSync(dirname(outfile), { recursive: true })
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  platform: 'browser',
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
})

const code = readFileSync(outfile)
const gzip = gzipSync(code, { level: 9 }).length
const kb = (n: number) => (n / 1000).toFixed(1) + ' KB'
console.log(`${relative(process.cwd(), outfile)}: ${code.length} bytes raw (${kb(code.length)}), ${gzip} bytes gzip (${kb(gzip)})`)
if (gzip > MAX_GZIP_BYTES) {
  console.error(`widget.js is ${gzip} bytes gzipped, over the ${MAX_GZIP_BYTES} byte budget`)
  process.exit(1)
}
