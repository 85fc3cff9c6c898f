import { describe, expect, it } from 'vitest'
import { viewFilter } from './list-views.ts'

const ewa = { id: 'ewa', role: 'consultant' as const }

describe('list views', () => {
  it('mine and unassigned are open conversations with that assignee', () => {
    expect(viewFilter('mine', ewa)).toEqual({ assigneeId: 'ewa', status: 'open' })
    expect(viewFilter('unassigned', ewa)).toEqual({ assigneeId: null, status: 'open' })
  })
  it('queue is what waits in my queues, or in every queue for a supervisor', () => {
    expect(viewFilter('queue', ewa)).toEqual({ statusIn: ['queued', 'offered'], inQueuesOf: 'ewa' })
    expect(viewFilter('queue', { id: 'ala', role: 'supervisor' })).toEqual({ statusIn: ['queued', 'offered'] })
  })
  it('escalated is open with a local office; all filters nothing', () => {
    expect(viewFilter('escalated', ewa)).toEqual({ escalated: true, status: 'open' })
    expect(viewFilter('all', ewa)).toEqual({})
  })
})
