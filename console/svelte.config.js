// SvelteKit settings for the consultant console: a static SPA that the hub serves at / with an index.html fallback.
import adapter from '@sveltejs/adapter-static'

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    alias: { $protocol: '../protocol' },
  },
}
