// UI strings (Polish first, English second), language selection and time formatting.
import type { ErrorCode } from '../../protocol/frames.ts'

export type Lang = 'pl' | 'en'

const pl = {
  open: 'Otwórz czat z konsultantem',
  launcher: 'Czat',
  title: 'Czat z urzędem pracy',
  close: 'Zamknij czat',
  forget: 'Zakończ i usuń z tego urządzenia',
  forgetText: 'Rozmowa zniknie z tej przeglądarki. Urząd zachowuje jej zapis zgodnie z przepisami.',
  forgetUnsent: 'Niewysłane wiadomości zostaną odrzucone.',
  forgetYes: 'Zakończ i usuń',
  forgetNo: 'Anuluj',
  forgotten: 'Rozmowa została usunięta z tego urządzenia.',
  intro: 'Dzień dobry! Napisz, w czym możemy pomóc. Konsultant odpowie najszybciej, jak to możliwe.',
  log: 'Wiadomości',
  label: 'Twoja wiadomość',
  hint: 'Enter – wyślij, Shift+Enter – nowy wiersz.',
  left: 'Pozostało znaków: ',
  send: 'Wyślij',
  you: 'Ty',
  staff: 'Konsultant',
  system: 'Urząd pracy',
  sending: 'wysyłanie…',
  failed: 'Nie wysłano',
  retry: 'Ponów',
  file: 'Pobierz plik: ',
  fileFailed: 'Nie udało się pobrać pliku.',
  discard: 'Usuń',
  typing: 'Konsultant pisze…',
  queuePosition: 'Jesteś {n}. w kolejce. Konsultant odpowie najszybciej, jak to możliwe.',
  queueNext: 'Jesteś następny w kolejce.',
  queueEta: 'Szacowany czas oczekiwania: około {m} min.',
  queueEtaSoon: 'Szacowany czas oczekiwania: poniżej minuty.',
  topicLabel: 'Czego dotyczy pytanie?',
  topicAny: 'Inna sprawa / nie wiem',
  connecting: 'Łączenie…',
  offline: 'Brak połączenia – wiadomości zostaną wysłane po jego przywróceniu.',
  resolved: 'Rozmowa zakończona',
  reopened: 'Rozmowa wznowiona',
  assigned: 'Konsultant dołączył do rozmowy',
  unread: 'Nowe wiadomości: ',
  newMessage: 'Nowa wiadomość od konsultanta',
  errRate: 'Wysyłasz za dużo wiadomości naraz. Odczekaj chwilę i spróbuj ponownie.',
  errClosed: 'Ta rozmowa została już zakończona.',
  errTooLong: 'Wiadomość jest za długa.',
  errGeneric: 'Coś poszło nie tak. Spróbuj ponownie.',
  surveyLegend: 'Jak oceniasz tę rozmowę?',
  surveyLow: '1 – źle',
  surveyHigh: '5 – bardzo dobrze',
  surveyComment: 'Komentarz (opcjonalnie)',
  surveySend: 'Wyślij ocenę',
  surveyPick: 'Wybierz ocenę od 1 do 5.',
  surveySending: 'Wysyłanie oceny…',
  surveyFailed: 'Nie udało się wysłać oceny. Spróbuj ponownie.',
  surveyOffline: 'Brak połączenia – nie można teraz wysłać oceny. Spróbuj ponownie, gdy połączenie wróci.',
  surveyThanks: 'Dziękujemy za ocenę: {n}/5',
  surveyYourComment: 'Twój komentarz: ',
  kbTitle: 'Może to pomoże',
  kbFound: 'Znaleźliśmy artykuły, które mogą pomóc',
  kbAsk: 'Czy to odpowiada na pytanie?',
  kbYes: 'Tak, dziękuję',
  kbNo: 'Nie',
  kbThanks: 'Dziękujemy!',
  kbWrite: 'Napisz do nas, konsultant odpowie.',
}

export type Dict = typeof pl

const en: Dict = {
  open: 'Open chat with a consultant',
  launcher: 'Chat',
  title: 'Chat with the employment office',
  close: 'Close chat',
  forget: 'End and remove from this device',
  forgetText: 'The conversation will disappear from this browser. The office keeps its record as the law requires.',
  forgetUnsent: 'Messages not yet sent will be discarded.',
  forgetYes: 'End and remove',
  forgetNo: 'Cancel',
  forgotten: 'The conversation has been removed from this device.',
  intro: 'Hello! Write how we can help. A consultant will reply as soon as possible.',
  log: 'Messages',
  label: 'Your message',
  hint: 'Enter sends, Shift+Enter adds a new line.',
  left: 'Characters left: ',
  send: 'Send',
  you: 'You',
  staff: 'Consultant',
  system: 'Employment office',
  sending: 'sending…',
  failed: 'Not sent',
  retry: 'Retry',
  file: 'Download file: ',
  fileFailed: 'The file could not be downloaded.',
  discard: 'Remove',
  typing: 'The consultant is typing…',
  queuePosition: 'You are number {n} in the queue. A consultant will answer as soon as possible.',
  queueNext: 'You are next in the queue.',
  queueEta: 'Estimated wait: about {m} min.',
  queueEtaSoon: 'Estimated wait: under a minute.',
  topicLabel: 'What is your question about?',
  topicAny: 'Something else / not sure',
  connecting: 'Connecting…',
  offline: 'No connection – your messages will be sent when it is back.',
  resolved: 'Conversation ended',
  reopened: 'Conversation reopened',
  assigned: 'A consultant has joined the conversation',
  unread: 'New messages: ',
  newMessage: 'New message from a consultant',
  errRate: 'You are sending too many messages at once. Wait a moment and try again.',
  errClosed: 'This conversation has already ended.',
  errTooLong: 'The message is too long.',
  errGeneric: 'Something went wrong. Please try again.',
  surveyLegend: 'How would you rate this conversation?',
  surveyLow: '1 – poor',
  surveyHigh: '5 – very good',
  surveyComment: 'Comment (optional)',
  surveySend: 'Send rating',
  surveyPick: 'Choose a rating from 1 to 5.',
  surveySending: 'Sending the rating…',
  surveyFailed: 'Could not send the rating. Please try again.',
  surveyOffline: 'No connection – the rating cannot be sent now. Try again when the connection is back.',
  surveyThanks: 'Thank you for your rating: {n}/5',
  surveyYourComment: 'Your comment: ',
  kbTitle: 'This may help',
  kbFound: 'We found articles that may help',
  kbAsk: 'Does this answer your question?',
  kbYes: 'Yes, thank you',
  kbNo: 'No',
  kbThanks: 'Thank you!',
  kbWrite: 'Write to us and a consultant will reply.',
}

export const dict = (lang: Lang): Dict => (lang === 'en' ? en : pl)

/** `data-lang` on the script tag wins, then `<html lang>`; Polish unless English is asked for. */
export function pickLang(dataLang: string | null | undefined, htmlLang: string | null | undefined): Lang {
  for (const v of [dataLang, htmlLang]) {
    const code = (v ?? '').trim().slice(0, 2).toLowerCase()
    if (code === 'pl' || code === 'en') return code
  }
  return 'pl'
}

/** A readable reason for a hub error code. */
export function errorText(t: Dict, code: ErrorCode | string): string {
  if (code === 'rate_limited') return t.errRate
  if (code === 'conversation_closed') return t.errClosed
  if (code === 'frame_too_large') return t.errTooLong
  return t.errGeneric
}

/** "14:05" for today, "3.02, 14:05" (pl) or "03/02, 14:05" (en) for other days; '' for a bad date. */
export function formatTime(iso: string, lang: Lang, now: Date = new Date()): string {
  const d = new Date(iso)
  if (isNaN(d.getTime())) return ''
  const locale = lang === 'en' ? 'en-GB' : 'pl-PL'
  const time = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  if (d.toDateString() === now.toDateString()) return time
  return d.toLocaleDateString(locale, { day: 'numeric', month: '2-digit' }) + ', ' + time
}
