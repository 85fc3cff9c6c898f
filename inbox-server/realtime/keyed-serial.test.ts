import { describe, expect, it } from 'vitest'
import { createKeyedSerial } from './keyed-serial.ts'

const tick = () => new Promise((r) => setTimeout(r, 1))

describe('keyed serial', () => {
  it('keeps one key in order and lets another key overtake it', async () => {
    const run = createKeyedSerial()
    const log: string[] = []
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    run('a', async () => {
      await gate
      log.push('a1')
    })
    run('a', async () => {
      log.push('a2')
    })
    run('b', async () => {
      log.push('b1')
    })
    await tick()
    expect(log).toEqual(['b1'])
    release()
    await tick()
    expect(log).toEqual(['b1', 'a1', 'a2'])
  })
})
