// The administration area opens on its first section.
import { redirect } from '@sveltejs/kit'
import type { PageLoad } from './$types'

export const load: PageLoad = () => {
  redirect(307, '/admin/queues')
}
