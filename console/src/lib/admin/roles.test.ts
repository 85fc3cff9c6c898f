// Unit tests for who may change what: labels and canned responses are kept by administrators and supervisors, while
// the other admin lists stay with administrators.
import { describe, expect, it } from 'vitest'
import { canAdminister, canKeepWorkflowLists, canSupervise } from './roles.ts'

describe('roles', () => {
  it('lets administrators and supervisors keep labels and canned responses, and nobody else', () => {
    expect(canKeepWorkflowLists('admin')).toBe(true)
    expect(canKeepWorkflowLists('supervisor')).toBe(true)
    for (const role of ['consultant', 'second_line', 'Admin', '', null, undefined]) expect(canKeepWorkflowLists(role)).toBe(false)
  })

  it('leaves the other admin lists to administrators: a supervisor keeps the workflow lists but does not administer', () => {
    expect(canKeepWorkflowLists('supervisor') && !canAdminister('supervisor')).toBe(true)
    expect(canSupervise('supervisor')).toBe(true)
  })
})
