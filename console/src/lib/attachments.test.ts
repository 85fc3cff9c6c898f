// Unit tests for attachment display: sizes in Polish and English, the map link, safe file names.
import { describe, expect, it } from 'vitest'
import { formatSize, osmUrl, saveName } from './attachments.ts'

describe('formatSize', () => {
  it('shows kB and MB with a Polish decimal comma', () => {
    expect(formatSize(2048, 'pl')).toBe('2 kB')
    expect(formatSize(1536, 'pl')).toBe('1,5 kB')
    expect(formatSize(300 * 1024, 'pl')).toBe('300 kB')
    expect(formatSize(Math.round(1.4 * 1024 * 1024), 'pl')).toBe('1,4 MB')
    expect(formatSize(25 * 1024 * 1024, 'pl')).toBe('25 MB')
    expect(formatSize(Math.round(1.4 * 1024 * 1024), 'en')).toBe('1.4 MB')
    expect(formatSize(10, 'pl')).toBe('0,1 kB')
  })
})

describe('osmUrl', () => {
  it('links a marked place on OpenStreetMap', () => {
    expect(osmUrl({ lat: 52.2297, long: 21.0122 })).toBe('https://www.openstreetmap.org/?mlat=52.229700&mlon=21.012200')
  })
})

describe('saveName', () => {
  it('keeps a plain name and strips paths and control characters', () => {
    expect(saveName({ id: 'a', name: 'cv.pdf' }, 'plik')).toBe('cv.pdf')
    expect(saveName({ id: 'a', name: '../../etc/passwd' }, 'plik')).toBe('.._.._etc_passwd')
    expect(saveName({ id: 'a', name: 'a\u0000b' }, 'plik')).toBe('ab')
    expect(saveName({ id: 'a', name: null }, 'Obraz')).toBe('Obraz')
  })
})
