// Every string the console shows, in Polish (the default) and English, and the lookup that fills in {placeholders}.
import type { ChannelKind, ConversationStatus } from '$protocol/channel.ts'
import type { ErrorCode } from '$protocol/frames.ts'

export const LANGS = ['pl', 'en'] as const
export type Lang = (typeof LANGS)[number]

const pl = {
  'app.name': 'Skrzynka kontaktowa',
  'app.loading': 'Wczytywanie…',
  'app.skipToMain': 'Przejdź do treści',
  'app.errorTitle': 'Coś poszło nie tak',
  'app.serverUnavailable': 'Serwer jest niedostępny. Sprawdź połączenie i spróbuj ponownie.',
  'app.reload': 'Odśwież stronę',
  'app.back': 'Wróć do skrzynki',

  'lang.switch': 'English',
  'lang.switchLabel': 'Switch the interface to English',

  'login.title': 'Logowanie konsultanta',
  'login.email': 'E-mail',
  'login.password': 'Hasło',
  'login.submit': 'Zaloguj się',
  'login.submitting': 'Logowanie…',
  'login.invalid': 'Nieprawidłowy e-mail lub hasło',
  'login.tooMany': 'Zbyt wiele prób. Spróbuj ponownie za {seconds} s.',
  'login.failed': 'Nie udało się zalogować. Spróbuj ponownie.',
  'login.offline': 'Brak połączenia z serwerem. Spróbuj ponownie.',
  'login.missing': 'Podaj e-mail i hasło.',

  'header.signedInAs': 'Zalogowano: {name}',
  'header.logout': 'Wyloguj',
  'header.account': 'Konto i ustawienia',

  'connection.open': 'Połączono',
  'connection.connecting': 'Łączenie…',
  'connection.closed': 'Brak połączenia',

  'list.nav': 'Rozmowy',
  'list.title': 'Otwarte rozmowy',
  'list.empty': 'Brak otwartych rozmów.',
  'list.loadMore': 'Załaduj więcej',
  'list.loadingMore': 'Wczytywanie…',
  'list.error': 'Nie udało się wczytać rozmów.',
  'list.retry': 'Spróbuj ponownie',
  'list.staffPrefix': 'Konsultant: ',
  'list.noMessages': 'Brak wiadomości',
  'list.backToList': 'Wróć do listy rozmów',

  'contact.guest': 'Gość',

  'channel.webchat': 'Czat',
  'channel.messenger': 'Messenger',
  'channel.telegram': 'Telegram',
  'channel.email': 'E-mail',
  'channel.sms': 'SMS',
  'channel.voice': 'Telefon',
  'channel.form': 'Formularz',

  'status.queued': 'W kolejce',
  'status.offered': 'Zaproponowana',
  'status.assigned': 'Przypisana',
  'status.pending': 'Oczekuje',
  'status.snoozed': 'Odłożona',
  'status.resolved': 'Zamknięta',

  'time.justNow': 'przed chwilą',

  'inbox.pick': 'Wybierz rozmowę',
  'inbox.pickHint': 'Wybierz rozmowę z listy, aby zobaczyć jej historię i odpowiedzieć.',

  'conversation.loading': 'Wczytywanie rozmowy…',
  'conversation.notFound': 'Nie znaleziono tej rozmowy.',
  'conversation.loadError': 'Nie udało się wczytać rozmowy.',
  'conversation.retry': 'Spróbuj ponownie',
  'conversation.timeline': 'Historia rozmowy',
  'conversation.empty': 'W tej rozmowie nie ma jeszcze wiadomości.',
  'conversation.channel': 'Kanał',
  'conversation.status': 'Status',
  'actions.transfer': 'Przekaż do kolejki',
  'actions.escalate': 'Przekaż do urzędu pracy',
  'actions.handBack': 'Odeślij do pierwszej linii',
  'actions.queue': 'Kolejka',
  'actions.office': 'Urząd',
  'actions.byRegion': 'Według regionu klienta',
  'actions.region': 'Kod TERYT regionu (powiat lub województwo)',
  'actions.regionHint': 'Np. 1465 dla Warszawy. Puste: region zapisany przy kliencie.',
  'actions.note': 'Notatka dla pracowników',
  'actions.answer': 'Odpowiedź dla pierwszej linii',
  'actions.transferred': 'Rozmowa przekazana',
  'actions.escalated': 'Rozmowa przekazana do urzędu',
  'actions.handedBack': 'Rozmowa odesłana do pierwszej linii',
  'actions.failed': 'Nie udało się. Spróbuj ponownie.',
  'routing.escalated': 'Przekazano do urzędu: {office}. {note}',
  'routing.returned': 'Urząd odesłał rozmowę do pierwszej linii. {note}',
  'routing.transferred': 'Przekazano: {to}',
  'routing.transferredNote': 'Przekazano: {to}. Notatka: {note}',
  'conversation.pick': 'Przyjmij rozmowę',
  'conversation.pickLost': 'Tę rozmowę przejął już ktoś inny',
  'routing.offered': 'Zaoferowano: {name}',
  'routing.offeredToMe': 'Zaoferowano Tobie',
  'routing.declined': 'Odrzucono: {name}',
  'routing.timedOut': 'Bez odpowiedzi na ofertę: {name}',
  'routing.timedOutMe': 'Nie odpowiedziałeś na ofertę na czas',
  'offer.region': 'Oferowane rozmowy',
  'offer.title': 'Nowa rozmowa dla Ciebie',
  'offer.secondsLeft': 'zostało {s} s',
  'offer.accept': 'Przyjmij',
  'offer.decline': 'Odrzuć',
  'offer.announce': 'Nowa rozmowa czeka na przyjęcie',
  'offer.gone': 'Oferta wygasła albo została wycofana',
  'conversation.resolve': 'Zakończ rozmowę',
  'presence.label': 'Status pracy',
  'presence.available': 'Dostępny',
  'presence.busy': 'Zajęty',
  'presence.break': 'Przerwa',
  'presence.after_call_work': 'Praca po rozmowie',
  'presence.training': 'Szkolenie',
  'presence.offline': 'Niedostępny',
  'conversation.visitorTyping': 'Klient pisze…',

  'event.note': 'Notatka wewnętrzna',
  'event.staff': 'Konsultant',
  'event.system': 'System',
  'event.status': 'Status zmieniony: {status}',
  'event.statusUnknown': 'Zmieniono status',
  'event.visitorLeft': 'Klient zakończył rozmowę i usunął ją ze swojego urządzenia',
  'event.assignedToMe': 'Rozmowa przypisana do Ciebie',
  'event.assignedTo': 'Rozmowa przypisana: {name}',
  'event.assigned': 'Zmieniono przypisanie rozmowy',
  'event.unassigned': 'Rozmowa nie jest już przypisana',
  'event.sending': 'Wysyłanie…',
  'event.failed': 'Nie wysłano: {reason}',
  'event.retry': 'Ponów wysyłkę',
  'event.discard': 'Usuń',
  'event.private': 'Notatka',

  'error.conversation_closed': 'rozmowa jest zamknięta',
  'error.rate_limited': 'zbyt wiele wiadomości, spróbuj za chwilę',
  'error.forbidden': 'brak uprawnień',
  'error.not_found': 'nie znaleziono rozmowy',
  'error.bad_frame': 'serwer odrzucił wiadomość',
  'error.bad_json': 'serwer odrzucił wiadomość',
  'error.frame_too_large': 'wiadomość jest za duża',
  'error.not_hello': 'błąd połączenia',
  'error.internal': 'błąd serwera',
  'error.network': 'brak połączenia',
  'error.unknown': 'nieznany błąd',

  'composer.replyLabel': 'Odpowiedź do klienta',
  'composer.noteLabel': 'Notatka wewnętrzna (klient jej nie zobaczy)',
  'composer.noteToggle': 'Notatka',
  'composer.send': 'Wyślij',
  'composer.addNote': 'Dodaj notatkę',
  'composer.hint': 'Enter wysyła, Shift+Enter dodaje nową linię.',
  'composer.tooLong': 'Wiadomość jest za długa: {count} z {max} znaków.',

  'announce.newMessage': 'Nowa wiadomość. {name}: {text}',
} as const

export type MessageKey = keyof typeof pl

const en: Record<MessageKey, string> = {
  'app.name': 'Contact inbox',
  'app.loading': 'Loading…',
  'app.skipToMain': 'Skip to content',
  'app.errorTitle': 'Something went wrong',
  'app.serverUnavailable': 'The server is unavailable. Check your connection and try again.',
  'app.reload': 'Reload the page',
  'app.back': 'Back to the inbox',

  'lang.switch': 'Polski',
  'lang.switchLabel': 'Przełącz interfejs na język polski',

  'login.title': 'Consultant sign-in',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.invalid': 'Incorrect e-mail or password',
  'login.tooMany': 'Too many attempts. Try again in {seconds} s.',
  'login.failed': 'Could not sign in. Please try again.',
  'login.offline': 'Cannot reach the server. Please try again.',
  'login.missing': 'Enter your e-mail and password.',

  'header.signedInAs': 'Signed in: {name}',
  'header.logout': 'Sign out',
  'header.account': 'Account and settings',

  'connection.open': 'Connected',
  'connection.connecting': 'Connecting…',
  'connection.closed': 'Disconnected',

  'list.nav': 'Conversations',
  'list.title': 'Open conversations',
  'list.empty': 'No open conversations.',
  'list.loadMore': 'Load more',
  'list.loadingMore': 'Loading…',
  'list.error': 'Could not load conversations.',
  'list.retry': 'Try again',
  'list.staffPrefix': 'Staff: ',
  'list.noMessages': 'No messages',
  'list.backToList': 'Back to the conversation list',

  'contact.guest': 'Guest',

  'channel.webchat': 'Web chat',
  'channel.messenger': 'Messenger',
  'channel.telegram': 'Telegram',
  'channel.email': 'E-mail',
  'channel.sms': 'SMS',
  'channel.voice': 'Phone',
  'channel.form': 'Form',

  'status.queued': 'Queued',
  'status.offered': 'Offered',
  'status.assigned': 'Assigned',
  'status.pending': 'Pending',
  'status.snoozed': 'Snoozed',
  'status.resolved': 'Resolved',

  'time.justNow': 'just now',

  'inbox.pick': 'Choose a conversation',
  'inbox.pickHint': 'Choose a conversation from the list to see its history and reply.',

  'conversation.loading': 'Loading the conversation…',
  'conversation.notFound': 'This conversation was not found.',
  'conversation.loadError': 'Could not load the conversation.',
  'conversation.retry': 'Try again',
  'conversation.timeline': 'Conversation history',
  'conversation.empty': 'There are no messages in this conversation yet.',
  'conversation.channel': 'Channel',
  'conversation.status': 'Status',
  'actions.transfer': 'Transfer to a queue',
  'actions.escalate': 'Escalate to a labour office',
  'actions.handBack': 'Hand back to the first line',
  'actions.queue': 'Queue',
  'actions.office': 'Office',
  'actions.byRegion': 'By the citizen’s region',
  'actions.region': 'TERYT region code (county or voivodeship)',
  'actions.regionHint': 'E.g. 1465 for Warsaw. Empty: the region stored with the citizen.',
  'actions.note': 'Note for staff',
  'actions.answer': 'Answer for the first line',
  'actions.transferred': 'Conversation transferred',
  'actions.escalated': 'Conversation escalated to the office',
  'actions.handedBack': 'Conversation handed back to the first line',
  'actions.failed': 'That did not work. Try again.',
  'routing.escalated': 'Escalated to the office: {office}. {note}',
  'routing.returned': 'The office handed it back to the first line. {note}',
  'routing.transferred': 'Transferred to {to}',
  'routing.transferredNote': 'Transferred to {to}. Note: {note}',
  'conversation.pick': 'Take this conversation',
  'conversation.pickLost': 'Someone else has already taken this conversation',
  'routing.offered': 'Offered to {name}',
  'routing.offeredToMe': 'Offered to you',
  'routing.declined': 'Declined by {name}',
  'routing.timedOut': 'No answer to the offer: {name}',
  'routing.timedOutMe': 'You did not answer the offer in time',
  'offer.region': 'Offered conversations',
  'offer.title': 'A new conversation for you',
  'offer.secondsLeft': '{s} s left',
  'offer.accept': 'Accept',
  'offer.decline': 'Decline',
  'offer.announce': 'A new conversation is waiting to be accepted',
  'offer.gone': 'The offer has expired or was withdrawn',
  'conversation.resolve': 'Resolve',
  'presence.label': 'Presence',
  'presence.available': 'Available',
  'presence.busy': 'Busy',
  'presence.break': 'Break',
  'presence.after_call_work': 'After-call work',
  'presence.training': 'Training',
  'presence.offline': 'Offline',
  'conversation.visitorTyping': 'The customer is typing…',

  'event.note': 'Internal note',
  'event.staff': 'Staff',
  'event.system': 'System',
  'event.status': 'Status changed: {status}',
  'event.statusUnknown': 'Status changed',
  'event.visitorLeft': 'The citizen ended the chat and removed it from their device',
  'event.assignedToMe': 'Conversation assigned to you',
  'event.assignedTo': 'Conversation assigned: {name}',
  'event.assigned': 'Assignment changed',
  'event.unassigned': 'Conversation is no longer assigned',
  'event.sending': 'Sending…',
  'event.failed': 'Not sent: {reason}',
  'event.retry': 'Retry sending',
  'event.discard': 'Discard',
  'event.private': 'Note',

  'error.conversation_closed': 'the conversation is closed',
  'error.rate_limited': 'too many messages, try again shortly',
  'error.forbidden': 'not allowed',
  'error.not_found': 'conversation not found',
  'error.bad_frame': 'the server rejected the message',
  'error.bad_json': 'the server rejected the message',
  'error.frame_too_large': 'the message is too large',
  'error.not_hello': 'connection error',
  'error.internal': 'server error',
  'error.network': 'no connection',
  'error.unknown': 'unknown error',

  'composer.replyLabel': 'Reply to the customer',
  'composer.noteLabel': 'Internal note (the customer will not see it)',
  'composer.noteToggle': 'Note',
  'composer.send': 'Send',
  'composer.addNote': 'Add note',
  'composer.hint': 'Enter sends, Shift+Enter adds a new line.',
  'composer.tooLong': 'The message is too long: {count} of {max} characters.',

  'announce.newMessage': 'New message. {name}: {text}',
}

const dictionaries: Record<Lang, Record<MessageKey, string>> = { pl, en }

export type Params = Record<string, string | number>

/** The text for `key` in `lang`, with each `{name}` replaced by `params.name`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key] ?? pl[key]
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    return value === undefined ? whole : String(value)
  })
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

export function channelKey(channel: ChannelKind): MessageKey {
  return `channel.${channel}`
}

export function statusKey(status: ConversationStatus): MessageKey {
  return `status.${status}`
}

/** The label key for a status read from untyped event data, if it is one we know. */
export function statusKeyOf(value: unknown): MessageKey | null {
  const key = `status.${String(value)}`
  return typeof value === 'string' && key in pl ? (key as MessageKey) : null
}

const ERROR_CODES: readonly string[] = [
  'conversation_closed',
  'rate_limited',
  'forbidden',
  'not_found',
  'bad_frame',
  'bad_json',
  'frame_too_large',
  'not_hello',
  'internal',
  'network',
] satisfies (ErrorCode | 'network')[]

/** The reason shown next to a message that could not be sent. */
export function errorKey(code: string | undefined): MessageKey {
  return code && ERROR_CODES.includes(code) ? (`error.${code}` as MessageKey) : 'error.unknown'
}
