import { describe, expect, it } from 'vitest'
import { refuseFile } from './reply-files.svelte.ts'

describe('reply files', () => {
  it('takes documents and images up to 25 MB, five at most', () => {
    expect(refuseFile({ type: 'application/pdf', size: 1000 }, 0)).toBeNull()
    expect(refuseFile({ type: 'text/html', size: 1000 }, 0)).toBe('type')
    expect(refuseFile({ type: 'application/pdf', size: 0 }, 0)).toBe('size')
    expect(refuseFile({ type: 'image/png', size: 26 * 1024 * 1024 }, 0)).toBe('size')
    expect(refuseFile({ type: 'image/png', size: 10 }, 5)).toBe('count')
  })
})
