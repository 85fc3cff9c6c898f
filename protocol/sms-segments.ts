// How an SMS text is split for sending: GSM 03.38 (7-bit default alphabet, the extension table counting two septets as
// an escape sequence) when every character is in it, else UCS-2 (UTF-16 code units). One part takes 160 / 70 units;
// a longer text goes as concatenated parts of 153 / 67 (the rest is the UDH), and an escape sequence or a surrogate
// pair is never split between two parts. Pure and dependency-free: the console and the hub both use it.

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsSegments {
  encoding: SmsEncoding
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the text. */
  units: number
  /** Parts it is sent as; 0 for an empty text. */
  segments: number
  /** Units one part takes: 160 / 70 for a single part, 153 / 67 once concatenated. */
  perSegment: number
  /** Units still free in the current (last) part. */
  remaining: number
}

/** The GSM 03.38 basic character set (one septet each); the escape character itself is not text. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

/** The extension table: an escape and the character, two septets. */
const GSM_EXTENSION = '\f^{}\\[~]|€'

const BASIC = new Set(GSM_BASIC)
const EXTENSION = new Set(GSM_EXTENSION)

export const SMS_LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const satisfies Record<SmsEncoding, { single: number; multi: number }>

/** Septets a character takes in GSM-7, or null when it is not in the GSM 03.38 alphabet. */
export function gsmWidth(char: string): 1 | 2 | null {
  if (BASIC.has(char)) return 1
  if (EXTENSION.has(char)) return 2
  return null
}

/** The first character (a whole code point) outside the GSM 03.38 alphabet: what forces UCS-2, or null. */
export function firstNonGsm(text: string): string | null {
  for (const char of text) if (gsmWidth(char) === null) return char
  return null
}

export function smsSegments(text: string): SmsSegments {
  const gsm = firstNonGsm(text) === null
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2'
  // Iterating a string yields code points: a surrogate pair is one item of width 2, like a GSM escape sequence.
  const widths: number[] = []
  for (const char of text) widths.push(gsm ? (gsmWidth(char) ?? 1) : char.length)
  const units = widths.reduce((sum, w) => sum + w, 0)
  const limits = SMS_LIMITS[encoding]

  if (units === 0) return { encoding, units, segments: 0, perSegment: limits.single, remaining: limits.single }
  if (units <= limits.single) return { encoding, units, segments: 1, perSegment: limits.single, remaining: limits.single - units }

  let segments = 1
  let used = 0
  for (const width of widths) {
    if (used + width > limits.multi) {
      segments += 1
      used = 0
    }
    used += width
  }
  return { encoding, units, segments, perSegment: limits.multi, remaining: limits.multi - used }
}
