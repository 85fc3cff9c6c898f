// Reports are for supervisors and administrators.
import { error } from '@sveltejs/kit'
import { canSupervise } from '$lib/admin/roles.ts'
import { session } from '$lib/session.svelte.ts'
import type { PageLoad } from './$types'

export const load: PageLoad = async ({ parent }) => {
  await parent()
  if (!canSupervise(session.consultant?.role)) error(403, 'forbidden')
  return {}
}
