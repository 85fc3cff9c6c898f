// Serves the built console (SPA with fallback), the widget bundle and the demo page.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { apiError } from './api-error.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const consoleDir = join(repoRoot, 'console', 'build')
export const widgetFile = join(repoRoot, 'widget', 'dist', 'widget.js')
export const demoFile = join(repoRoot, 'widget', 'demo.html')

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
}

export function staticRoutes() {
  const app = new Hono()

  app.get('/widget.js', (c) => {
    if (!existsSync(widgetFile)) return apiError(c, 'console_not_built', 'widget.js is not built; run npm run build')
    return c.body(readFileSync(widgetFile), 200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      // The widget is embedded by other sites: it must be loadable cross-origin.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    })
  })

  app.get('/demo', (c) => {
    if (!existsSync(demoFile)) return apiError(c, 'not_found', 'demo page missing')
    return c.html(readFileSync(demoFile, 'utf8'), 200, SECURITY_HEADERS)
  })

  app.use('/*', async (c, next) => {
    await next()
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v)
    c.header('X-Frame-Options', 'DENY')
  })
  app.use('/*', serveStatic({ root: consoleDir }))
  // SPA fallback: any other GET that is not an API path gets the console's index.html.
  app.get('*', (c) => {
    const index = join(consoleDir, 'index.html')
    if (!existsSync(index)) return apiError(c, 'console_not_built', 'The console is not built; run npm run build')
    return c.html(readFileSync(index, 'utf8'))
  })
  return app
}
