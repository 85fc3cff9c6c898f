// Only supervisors and administrators get into the administration area (supervisors mostly to look).
import { error } from '@sveltejs/kit'
import { canSupervise } from '$lib/admin/roles.ts'
import { session } from '$lib/session.svelte.ts'
import type { LayoutLoad } from './$types'

export const load: LayoutLoad = async ({ parent }) => {
  await parent()
  if (!canSupervise(session.consultant?.role)) error(403, 'forbidden')
  return {}
}
