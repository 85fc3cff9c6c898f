// Unit tests for the dictionary: placeholders filled, the Polish texts the service requires, known codes only, and contact names.
import { describe, expect, it } from 'vitest'
import { contactLabel, shortId, waitingContactLabel } from './contact-label.ts'
import { dictionaries, errorKey, isLang, statusKeyOf, translate, type MessageKey } from './i18n.ts'

describe('i18n', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('pl', 'login.tooMany', { seconds: 30 })).toBe('Zbyt wiele prób. Spróbuj ponownie za 30 s.')
    expect(translate('en', 'login.tooMany', { seconds: 5 })).toBe('Too many attempts. Try again in 5 s.')
    expect(translate('pl', 'login.tooMany')).toContain('{seconds}')
  })

  it('has the Polish texts the service requires', () => {
    expect(translate('pl', 'login.invalid')).toBe('Nieprawidłowy e-mail lub hasło')
    expect(translate('pl', 'connection.open')).toBe('Połączono')
    expect(translate('pl', 'connection.connecting')).toBe('Łączenie…')
    expect(translate('pl', 'connection.closed')).toBe('Brak połączenia')
    expect(translate('pl', 'conversation.visitorTyping')).toBe('Klient pisze…')
    expect(translate('pl', 'event.note')).toBe('Notatka wewnętrzna')
    expect(translate('pl', 'list.loadMore')).toBe('Załaduj więcej')
  })

  it('has every text in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.pl).sort())
    for (const [key, text] of Object.entries(dictionaries.pl)) {
      const english = dictionaries.en[key as keyof typeof dictionaries.en]
      expect(text.trim(), key).not.toBe('')
      expect(english.trim(), key).not.toBe('')
      expect(placeholders(english), key).toEqual(placeholders(text))
    }
  })

  it('has the administration and board texts, Polish first', () => {
    expect(translate('pl', 'nav.inbox')).toBe('Skrzynka')
    expect(translate('en', 'nav.inbox')).toBe('Inbox')
    expect(translate('pl', 'nav.board')).toBe('Kolejki')
    expect(translate('en', 'nav.board')).toBe('Queues')
    expect(translate('pl', 'nav.admin')).toBe('Administracja')
    expect(translate('en', 'nav.admin')).toBe('Administration')
    expect(translate('pl', 'board.loadItem', { channel: 'Czat', load: 1, capacity: 3 })).toBe('Czat: 1 z 3')
  })

  it('has the SLA texts, Polish first', () => {
    expect(translate('pl', 'sla.clock.first_response')).toBe('Pierwsza odpowiedź')
    expect(translate('pl', 'sla.clock.next_response')).toBe('Kolejna odpowiedź')
    expect(translate('pl', 'sla.clock.resolution')).toBe('Rozwiązanie')
    expect(translate('pl', 'sla.state.paused')).toBe('wstrzymany')
    expect(translate('pl', 'sla.state.breached')).toBe('przekroczony')
    expect(translate('pl', 'list.sort.sla_due')).toBe('Najbliższy termin SLA')
    expect(translate('pl', 'list.breachedOnly')).toBe('Tylko przekroczone SLA')
    expect(translate('pl', 'admin.section.calendars')).toBe('Kalendarze')
    expect(translate('pl', 'admin.section.sla')).toBe('Polityki SLA')
    expect(translate('en', 'admin.section.sla')).toBe('SLA policies')
  })

  it('has the channel feature texts, Polish first', () => {
    expect(translate('pl', 'event.edited')).toBe('(edytowano)')
    expect(translate('en', 'event.edited')).toBe('(edited)')
    expect(['sent', 'delivered', 'read', 'failed'].map((s) => translate('pl', `delivery.state.${s}` as MessageKey))).toEqual([
      'wysłano',
      'doręczono',
      'przeczytano',
      'nie wysłano',
    ])
    expect(translate('pl', 'attachment.pending')).toBe('pobieranie…')
    expect(translate('pl', 'attachment.failed')).toBe('niedostępny')
    expect(translate('pl', 'message.button', { label: 'TAK' })).toBe('[przycisk: TAK]')
    expect(translate('pl', 'window.closed')).toBe('Poza oknem odpowiedzi Messengera: osoba musi najpierw napisać')
    expect(['webchat', 'messenger', 'telegram', 'email', 'sms', 'voice', 'form'].map((c) => translate('pl', `channel.${c}` as MessageKey))).toEqual([
      'Czat',
      'Messenger',
      'Telegram',
      'E-mail',
      'SMS',
      'Telefon',
      'Formularz',
    ])
    expect(errorKey('outside_reply_window')).toBe('error.outside_reply_window')
  })

  it('has the SMS and e-mail texts, Polish first', () => {
    expect(translate('pl', 'delivery.state.queued')).toBe('w kolejce u operatora')
    expect(translate('pl', 'delivery.state.undelivered')).toBe('niedoręczono')
    expect(translate('pl', 'sms.optedOut', { date: '5 maj 2025, 14:03' })).toBe(
      'Ten numer wypisał się z wiadomości SMS (STOP) 5 maj 2025, 14:03. Odpowiedź będzie możliwa, gdy wyśle START.',
    )
    expect(translate('pl', 'sms.optOut.stop')).toBe('wypisanie: STOP')
    expect(translate('pl', 'sms.optOut.start')).toBe('zapis: START')
    expect(translate('pl', 'email.showWhole')).toBe('Pokaż całą wiadomość')
    expect(translate('en', 'email.showWhole')).toBe('Show the whole message')
    expect(translate('pl', 'email.automatic.auto_reply')).toBe('automatyczna odpowiedź')
    expect(translate('pl', 'email.automatic.list')).toBe('lista mailingowa')
    expect(errorKey('opted_out')).toBe('error.opted_out')
  })

  it('maps statuses and error codes to known keys only', () => {
    expect(statusKeyOf('resolved')).toBe('status.resolved')
    expect(statusKeyOf('bogus')).toBeNull()
    expect(statusKeyOf(3)).toBeNull()
    expect(errorKey('conversation_closed')).toBe('error.conversation_closed')
    expect(errorKey('bad_reason')).toBe('error.bad_reason')
    expect(errorKey('validation_failed')).toBe('error.unknown')
    expect(errorKey(undefined)).toBe('error.unknown')
    expect(isLang('en')).toBe(true)
    expect(isLang('de')).toBe(false)
  })

  it('names anonymous contacts "Gość" with a short id', () => {
    const id = '1a2b3c4d-0000-4000-8000-000000000000'
    expect(contactLabel({ id, name: null }, 'Gość')).toBe('Gość #1a2b3c')
    expect(contactLabel({ id, name: '  ' }, 'Guest')).toBe('Guest #1a2b3c')
    expect(contactLabel({ id, name: 'Jan Kowalski' }, 'Gość')).toBe('Jan Kowalski')
    expect(shortId(id)).toBe('1a2b3c')
  })

  it('names a contact on the board as the inbox does: by the contact id, not the conversation id', () => {
    const contactId = '1a2b3c4d-0000-4000-8000-000000000000'
    const conversationId = '9f8e7d6c-0000-4000-8000-000000000000'
    const waiting = { conversationId, contactId, contactName: null }
    expect(waitingContactLabel(waiting, 'Gość')).toBe(contactLabel({ id: contactId, name: null }, 'Gość'))
    expect(waitingContactLabel(waiting, 'Gość')).toBe('Gość #1a2b3c')
    expect(waitingContactLabel({ ...waiting, contactName: ' Jan Kowalski ' }, 'Gość')).toBe('Jan Kowalski')
  })
})
