import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { holidaysOf } from './polish-holidays.ts'

const table = (year: number) => holidaysOf(year).map((h) => [h.date, h.namePl, h.nameEn])

describe('holidaysOf', () => {
  it('lists every holiday of 2026', () => {
    expect(table(2026)).toEqual([
      ['2026-01-01', 'Nowy Rok', "New Year's Day"],
      ['2026-01-06', 'Święto Trzech Króli', 'Epiphany'],
      ['2026-04-05', 'Pierwszy dzień Wielkiej Nocy', 'Easter Sunday'],
      ['2026-04-06', 'Drugi dzień Wielkiej Nocy', 'Easter Monday'],
      ['2026-05-01', 'Święto Państwowe', 'Labour Day'],
      ['2026-05-03', 'Święto Narodowe Trzeciego Maja', 'Constitution Day'],
      ['2026-05-24', 'Pierwszy dzień Zielonych Świątek', 'Pentecost Sunday'],
      ['2026-06-04', 'Dzień Bożego Ciała', 'Corpus Christi'],
      ['2026-08-15', 'Wniebowzięcie Najświętszej Maryi Panny', 'Assumption of Mary'],
      ['2026-11-01', 'Wszystkich Świętych', "All Saints' Day"],
      ['2026-11-11', 'Narodowe Święto Niepodległości', 'National Independence Day'],
      ['2026-12-24', 'Wigilia Bożego Narodzenia', 'Christmas Eve'],
      ['2026-12-25', 'Pierwszy dzień Bożego Narodzenia', 'Christmas Day'],
      ['2026-12-26', 'Drugi dzień Bożego Narodzenia', 'Second Day of Christmas'],
    ])
  })

  it('lists every holiday of 2027, whose Easter is in March', () => {
    expect(table(2027)).toEqual([
      ['2027-01-01', 'Nowy Rok', "New Year's Day"],
      ['2027-01-06', 'Święto Trzech Króli', 'Epiphany'],
      ['2027-03-28', 'Pierwszy dzień Wielkiej Nocy', 'Easter Sunday'],
      ['2027-03-29', 'Drugi dzień Wielkiej Nocy', 'Easter Monday'],
      ['2027-05-01', 'Święto Państwowe', 'Labour Day'],
      ['2027-05-03', 'Święto Narodowe Trzeciego Maja', 'Constitution Day'],
      ['2027-05-16', 'Pierwszy dzień Zielonych Świątek', 'Pentecost Sunday'],
      ['2027-05-27', 'Dzień Bożego Ciała', 'Corpus Christi'],
      ['2027-08-15', 'Wniebowzięcie Najświętszej Maryi Panny', 'Assumption of Mary'],
      ['2027-11-01', 'Wszystkich Świętych', "All Saints' Day"],
      ['2027-11-11', 'Narodowe Święto Niepodległości', 'National Independence Day'],
      ['2027-12-24', 'Wigilia Bożego Narodzenia', 'Christmas Eve'],
      ['2027-12-25', 'Pierwszy dzień Bożego Narodzenia', 'Christmas Day'],
      ['2027-12-26', 'Drugi dzień Bożego Narodzenia', 'Second Day of Christmas'],
    ])
  })

  it('makes Christmas Eve a holiday from 2025 on, not before', () => {
    const dates = (year: number) => holidaysOf(year).map((h) => h.date)
    expect(dates(2024)).not.toContain('2024-12-24')
    expect(dates(2024)).toHaveLength(13)
    expect(dates(2025)).toContain('2025-12-24')
    expect(dates(2025)).toHaveLength(14)
    expect(dates(2040)).toContain('2040-12-24')
  })

  it('makes Epiphany a holiday from 2011 on, not before', () => {
    expect(holidaysOf(2010).map((h) => h.date)).not.toContain('2010-01-06')
    expect(holidaysOf(2011).map((h) => h.date)).toContain('2011-01-06')
  })

  it('gives each year its holidays once, in date order, all in that year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2025, max: 2400 }), (year) => {
        const dates = holidaysOf(year).map((h) => h.date)
        expect(dates).toHaveLength(14)
        expect([...dates].sort()).toEqual(dates)
        expect(new Set(dates).size).toBe(14)
        for (const d of dates) expect(d.startsWith(`${year}-`)).toBe(true)
      }),
    )
  })
})
