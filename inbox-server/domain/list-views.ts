// The console's list views as conversation filters, for one viewer (protocol/rest.ts LIST_VIEWS). Pure.
import type { ConversationStatus, Role } from '../../protocol/channel.ts'
import type { ListView } from '../../protocol/rest.ts'

export interface ViewFilter {
  status?: ConversationStatus | 'open'
  statusIn?: ConversationStatus[]
  assigneeId?: string | null
  inQueuesOf?: string
  escalated?: boolean
}

/** What `view` shows to `viewer`; supervisors and administrators see every queue's waiting conversations. */
export function viewFilter(view: ListView, viewer: { id: string; role: Role }): ViewFilter {
  switch (view) {
    case 'mine':
      return { assigneeId: viewer.id, status: 'open' }
    case 'unassigned':
      return { assigneeId: null, status: 'open' }
    case 'queue':
      return { statusIn: ['queued', 'offered'], ...(viewer.role === 'supervisor' || viewer.role === 'admin' ? {} : { inQueuesOf: viewer.id }) }
    case 'escalated':
      return { escalated: true, status: 'open' }
    case 'all':
      return {}
  }
}
