// The console is a client-only SPA: no server rendering, no prerendered pages, the fallback page serves every path.
export const ssr = false
export const prerender = false
