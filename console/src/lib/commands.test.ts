// Unit tests for the command registry: the newest handler wins, unregistering restores the one before, and a handler
// with nothing to do reports it.
import { describe, expect, it } from 'vitest'
import { hasCommand, registerCommand, runCommand } from './commands.svelte.ts'

describe('command registry', () => {
  it('runs nothing and says so when no handler is registered', () => {
    expect(hasCommand('snooze')).toBe(false)
    expect(runCommand('snooze')).toBe(false)
  })

  it('runs the most recently registered handler, and the previous one again after it is unregistered', () => {
    const calls: string[] = []
    const offFirst = registerCommand('next', () => void calls.push('first'))
    const offSecond = registerCommand('next', () => void calls.push('second'))
    expect(runCommand('next')).toBe(true)
    offSecond()
    expect(runCommand('next')).toBe(true)
    offFirst()
    expect(runCommand('next')).toBe(false)
    expect(calls).toEqual(['second', 'first'])
  })

  it('unregisters only its own handler, in any order, and twice harmlessly', () => {
    const calls: string[] = []
    const offFirst = registerCommand('previous', () => void calls.push('first'))
    const offSecond = registerCommand('previous', () => void calls.push('second'))
    offFirst()
    offFirst()
    runCommand('previous')
    offSecond()
    expect(calls).toEqual(['second'])
    expect(hasCommand('previous')).toBe(false)
  })

  it('reports false when the handler has nothing to do', () => {
    const off = registerCommand('accept', () => false)
    expect(runCommand('accept')).toBe(false)
    off()
  })
})
