// Phone numbers as the hub stores them (E.164, `+48600100200`): the identity of SMS and voice contacts.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/**
 * A number typed or delivered in any usual form ("600 100 200", "+48 22 123 45 67", "0048…") → E.164, or null when
 * it is not a valid number. The whole string must be the number (`extract: false`): "whatsapp:+48…", "tel:…" or
 * trailing text are other addresses, not SMS numbers. The max metadata checks the number ranges, not only lengths.
 */
export function toE164(raw: string, defaultRegion: CountryCode = 'PL'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: defaultRegion, extract: false })
  // An extension cannot receive an SMS; a different number with it would be a different contact.
  if (parsed === undefined || parsed.ext !== undefined || !parsed.isValid()) return null
  return parsed.number
}
