// Only a signed-in consultant gets into the workspace; anyone else is sent to /login and brought back afterwards.
import { error, redirect } from '@sveltejs/kit'
import type { Consultant } from '$protocol/rest.ts'
import { session } from '$lib/session.svelte.ts'
import type { LayoutLoad } from './$types'

export const load: LayoutLoad = async ({ url, untrack }) => {
  let me: Consultant | null
  try {
    me = await session.ensure()
  } catch {
    error(503, 'The hub cannot be reached')
  }
  if (!me) {
    const next = untrack(() => url.pathname + url.search)
    redirect(307, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`)
  }
  return {}
}
