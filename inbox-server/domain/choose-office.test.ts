import { describe, expect, it } from 'vitest'
import { chooseOffice } from './choose-office.ts'

const offices = [
  { id: 'waw', name: 'UP m.st. Warszawy', regions: ['1465'] },
  { id: 'prz', name: 'PUP w Pruszkowie', regions: ['1421'] },
  { id: 'krk', name: 'GUP w Krakowie', regions: ['1261'] },
]

describe('chooseOffice', () => {
  it('takes the office that lists the county', () => {
    expect(chooseOffice('1421', offices)?.id).toBe('prz')
  })
  it('falls back to an office in the same voivodeship, the same one every time', () => {
    expect(chooseOffice('1412', offices)?.id).toBe('prz') // "PUP w Pruszkowie" sorts before "UP m.st. Warszawy"
    expect(chooseOffice('14', offices)?.id).toBe('prz')
  })
  it('finds nothing outside the served voivodeships, and refuses codes that are not TERYT', () => {
    expect(chooseOffice('0201', offices)).toBeNull()
    expect(chooseOffice('Warszawa', offices)).toBeNull()
  })
})
