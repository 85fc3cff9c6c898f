// Someone already signed in who lands on /login goes straight to the inbox.
import { redirect } from '@sveltejs/kit'
import { session } from '$lib/session.svelte.ts'
import type { PageLoad } from './$types'

export const load: PageLoad = async () => {
  const me = await session.ensure().catch(() => null)
  if (me) redirect(307, '/')
  return {}
}
