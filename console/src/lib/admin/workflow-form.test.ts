// Unit tests for the labels and canned-responses forms: the colour field, the table's start of a text, the variables
// and a duplicate name or shortcut put on its field.
import { describe, expect, it } from 'vitest'
import type { Problem } from './problem.ts'
import { CANNED_VARIABLES, colorValue, DEFAULT_LABEL_COLOR, duplicateOn, excerpt, isHexColor, pickerColor, renameField, variableToken } from './workflow-form.ts'

describe('workflow admin forms', () => {
  it('takes only #rrggbb as a colour, and gives the picker a lower-case one or the default', () => {
    expect(isHexColor('#5b6b7f')).toBe(true)
    expect(isHexColor(' #A1B2C3 ')).toBe(true)
    expect(isHexColor('#abc')).toBe(false)
    expect(isHexColor('5b6b7f')).toBe(false)
    expect(isHexColor('#5b6b7g')).toBe(false)
    expect(isHexColor(null)).toBe(false)
    expect(pickerColor('#A1B2C3')).toBe('#a1b2c3')
    expect(pickerColor('#a1b2')).toBe(DEFAULT_LABEL_COLOR)
    expect(pickerColor('', '#000000')).toBe('#000000')
    expect(DEFAULT_LABEL_COLOR).toBe('#5b6b7f')
  })

  it('sends a colour trimmed and in lower case, and anything else as typed so the hub can say why', () => {
    expect(colorValue(' #FFAA00 ')).toBe('#ffaa00')
    expect(colorValue(' red ')).toBe('red')
  })

  it('shows the start of a text on one line, cut near a word with an ellipsis', () => {
    expect(excerpt('Dzień dobry,\n\n  w czym mogę pomóc?')).toBe('Dzień dobry, w czym mogę pomóc?')
    const long = 'Dzień dobry {{contact.name}}, do wniosku o zasiłek potrzebne są: dowód osobisty, świadectwa pracy i zaświadczenia o zarobkach.'
    const short = excerpt(long)
    expect([...short].length).toBeLessThanOrEqual(80)
    expect(short.endsWith('…')).toBe(true)
    expect(long.startsWith(short.slice(0, -1))).toBe(true)
    expect(short).toBe('Dzień dobry {{contact.name}}, do wniosku o zasiłek potrzebne są: dowód…')
    // One long word: cut inside it.
    expect(excerpt('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`)
    // Exactly the limit: whole.
    expect(excerpt('x'.repeat(80))).toBe('x'.repeat(80))
    // Characters outside the BMP count as one and are not split.
    expect(excerpt('😀'.repeat(12), 10)).toBe(`${'😀'.repeat(9)}…`)
  })

  it('writes the variables as the console fills them in', () => {
    expect(CANNED_VARIABLES.map(variableToken)).toEqual(['{{contact.name}}', '{{consultant.name}}', '{{conversation.id}}'])
  })

  it('puts a refused duplicate on its field in the console\'s words, and leaves other problems alone', () => {
    const taken: Problem = { status: 409, code: 'conflict', message: 'A label with that name or shortcut exists', fields: [] }
    expect(duplicateOn(taken, 'name', 'admin.labels.nameTaken')).toEqual({
      ...taken,
      key: 'admin.labels.nameTaken',
      fields: [{ path: 'name', message: 'A label with that name or shortcut exists' }],
    })
    const invalid: Problem = { status: 400, code: 'bad_request', message: 'Invalid', fields: [{ path: 'color', message: 'a colour as #rrggbb' }] }
    expect(duplicateOn(invalid, 'name', 'admin.labels.nameTaken')).toBe(invalid)
    expect(duplicateOn(null, 'name', 'admin.labels.nameTaken')).toBeNull()
  })

  it('renames a field of the hub\'s problem (and what is inside it) for a form whose id for it must differ', () => {
    const invalid: Problem = {
      status: 400,
      code: 'bad_request',
      message: 'Invalid',
      fields: [
        { path: 'title', message: 'Too small' },
        { path: 'title.0', message: 'Odd' },
        { path: 'titles', message: 'Another field' },
        { path: 'body', message: 'Too big' },
      ],
    }
    expect(renameField(invalid, 'title', 'heading')?.fields.map((f) => f.path)).toEqual(['heading', 'heading.0', 'titles', 'body'])
    expect(renameField(invalid, 'shortcut', 'x')).toBe(invalid)
    expect(renameField(null, 'title', 'heading')).toBeNull()
  })
})
