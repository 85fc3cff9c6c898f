// Vite build and dev server for the console; in dev, API and WebSocket calls go to a hub on :3000.
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// SvelteKit reads svelte.config.js from the working directory, so a build started
// from the repository root (`vite build --config console/vite.config.ts`) moves here first.
const consoleDir = fileURLToPath(new URL('.', import.meta.url))
if (process.cwd() !== consoleDir.replace(/\/$/, '')) process.chdir(consoleDir)
const { sveltekit } = await import('@sveltejs/kit/vite')

const hub = process.env.HUB_URL ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    fs: { allow: ['..'] },
    proxy: {
      '/api': hub,
      '/ws': { target: hub.replace(/^http/, 'ws'), ws: true },
    },
  },
})
