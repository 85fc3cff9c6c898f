// Which local office serves a citizen's region: the office listing that county, else one in the same voivodeship.
export interface OfficeRegions {
  id: string
  name: string
  /** TERYT codes: 4-digit counties (e.g. 1465) or 2-digit voivodeships (e.g. 14). */
  regions: readonly string[]
}

export const TERYT_REGION = /^\d{2}(\d{2})?$/

/** Exact county first, then the voivodeship (first two digits); ties go to the first name, so the choice is stable. */
export function chooseOffice(region: string, offices: readonly OfficeRegions[]): OfficeRegions | null {
  if (!TERYT_REGION.test(region)) return null
  const byName = [...offices].sort((a, b) => a.name.localeCompare(b.name, 'pl'))
  const exact = byName.find((o) => o.regions.includes(region))
  if (exact) return exact
  const voivodeship = region.slice(0, 2)
  return byName.find((o) => o.regions.some((r) => r.slice(0, 2) === voivodeship)) ?? null
}
