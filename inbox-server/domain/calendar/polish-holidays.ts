// Polish statutory public holidays (days free from work) of any year, with their Polish and English names.
import { addDays, civilDate, type CivilDate } from './civil-date.ts'
import { easterSunday } from './easter.ts'

export interface PolishHoliday {
  date: CivilDate
  /** The name used in the act on days free from work. */
  namePl: string
  nameEn: string
}

/** 24 December became a day free from work by the amendment of 2024, first observed in 2025. */
export const CHRISTMAS_EVE_FROM_YEAR = 2025
/** 6 January was restored as a day free from work in 2011. */
export const EPIPHANY_FROM_YEAR = 2011

/**
 * The days free from work of the act of 18 January 1951 as amended, sorted by date.
 * The list is the current one (in force since 1990) with Epiphany from 2011 and Christmas Eve
 * from 2025; years before 1990 get the same rules, not their historical holidays.
 * A holiday falling on a Saturday gives employees another day off; that is a matter of staff
 * rosters, not of opening hours, and is not a holiday here.
 */
export function holidaysOf(year: number): PolishHoliday[] {
  const easter = easterSunday(year)
  const fixed = (month: number, day: number, namePl: string, nameEn: string): PolishHoliday => ({ date: civilDate(year, month, day), namePl, nameEn })
  const moveable = (daysAfterEaster: number, namePl: string, nameEn: string): PolishHoliday => ({ date: addDays(easter, daysAfterEaster), namePl, nameEn })
  const list: PolishHoliday[] = [
    fixed(1, 1, 'Nowy Rok', "New Year's Day"),
    ...(year >= EPIPHANY_FROM_YEAR ? [fixed(1, 6, 'Święto Trzech Króli', 'Epiphany')] : []),
    moveable(0, 'Pierwszy dzień Wielkiej Nocy', 'Easter Sunday'),
    moveable(1, 'Drugi dzień Wielkiej Nocy', 'Easter Monday'),
    fixed(5, 1, 'Święto Państwowe', 'Labour Day'),
    fixed(5, 3, 'Święto Narodowe Trzeciego Maja', 'Constitution Day'),
    moveable(49, 'Pierwszy dzień Zielonych Świątek', 'Pentecost Sunday'),
    moveable(60, 'Dzień Bożego Ciała', 'Corpus Christi'),
    fixed(8, 15, 'Wniebowzięcie Najświętszej Maryi Panny', 'Assumption of Mary'),
    fixed(11, 1, 'Wszystkich Świętych', "All Saints' Day"),
    fixed(11, 11, 'Narodowe Święto Niepodległości', 'National Independence Day'),
    ...(year >= CHRISTMAS_EVE_FROM_YEAR ? [fixed(12, 24, 'Wigilia Bożego Narodzenia', 'Christmas Eve')] : []),
    fixed(12, 25, 'Pierwszy dzień Bożego Narodzenia', 'Christmas Day'),
    fixed(12, 26, 'Drugi dzień Bożego Narodzenia', 'Second Day of Christmas'),
  ]
  // Easter-based days never fall on a fixed one (Easter is 22 March–25 April, Corpus Christi 21 May–24 June), so sorting is all that is needed.
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
}
