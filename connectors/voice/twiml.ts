// TwiML documents for the voice connector: a VoicePlan, the wait message and the Dial of a consultant as XML, every
// text and URL escaped. The Polish words of a plan are the hub's; the few fixed sentences here are the connector's own
// (an apology, a goodbye, a thank-you) because they answer situations the hub never sees.
import type { VoicePlan } from './voice-hub.ts'

/** Where the connector's webhooks are, as Twilio calls them: `${publicUrl}/connectors/voice/twilio`. */
export interface TwimlContext {
  base: string
  /** How often the menu has been played in this call, this time included (1 on arrival). */
  attempt?: number
  /** Whether voicemail asks Twilio for a transcription (<Record transcribe>); default true. */
  transcribe?: boolean
}

/** The menu is played at most this often: once, then once more after silence or a wrong key, then goodbye. */
export const MENU_PLAYS = 2
/** Default <Record maxLength>: Twilio transcribes recordings up to 2 minutes. */
export const DEFAULT_VOICEMAIL_SECONDS = 120
/** Default <Gather timeout>: long enough for a caller who listens to the whole menu before pressing. */
export const DEFAULT_MENU_TIMEOUT_SECONDS = 6
/** How long the wait message pauses before Twilio asks for the wait URL again (and the position is said anew). */
export const WAIT_PAUSE_SECONDS = 20
/** Twilio's limit on a queue name (<Enqueue>). */
export const MAX_QUEUE_NAME = 64

export const APOLOGY = 'Przepraszamy, wystąpił błąd. Prosimy zadzwonić ponownie.'
export const MENU_GOODBYE = 'Nie wybrano żadnej opcji. Dziękujemy za telefon, do widzenia.'
export const VOICEMAIL_THANKS = 'Dziękujemy za telefon. Do widzenia.'
export const QUEUE_UNAVAILABLE = 'Przepraszamy, w tej chwili nie możemy przyjąć połączenia. Prosimy zadzwonić później.'

const LANGUAGE = 'pl-PL'
const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>'

export function planTwiml(plan: VoicePlan, ctx: TwimlContext): string {
  switch (plan.kind) {
    case 'menu':
      return menuTwiml(plan, ctx)
    case 'enqueue':
      return response(
        plan.greeting !== null && plan.greeting !== '' ? say(plan.greeting) : '',
        el('Enqueue', { waitUrl: `${ctx.base}/wait`, waitUrlMethod: 'POST', action: `${ctx.base}/queue-result`, method: 'POST' }, text(plan.queue)),
      )
    case 'closed':
      return response(say(plan.message), plan.voicemail ? voicemail(plan.maxSeconds, ctx) : '', say(VOICEMAIL_THANKS), el('Hangup'))
    case 'reject':
      return sayAndHangUp(plan.message)
  }
}

function menuTwiml(plan: Extract<VoicePlan, { kind: 'menu' }>, ctx: TwimlContext): string {
  const attempt = ctx.attempt ?? 1
  const menuUrl = `${ctx.base}/menu?attempt=${attempt}`
  const numDigits = Math.max(1, ...plan.options.map((o) => o.digit.length))
  const gather = el(
    'Gather',
    { input: 'dtmf', numDigits, action: menuUrl, method: 'POST', timeout: plan.timeoutSeconds ?? DEFAULT_MENU_TIMEOUT_SECONDS },
    say(plan.greeting),
    ...plan.options.map((o) => say(`${o.label}, naciśnij ${spokenKey(o.digit)}.`)),
  )
  // Twilio goes on after <Gather> only when nothing was pressed: play the menu once more, then say goodbye (the
  // counter rides in the URL, so a silent caller is never looped for ever).
  const after = attempt < MENU_PLAYS ? el('Redirect', { method: 'POST' }, text(menuUrl)) : say(MENU_GOODBYE) + el('Hangup')
  return response(gather, after)
}

function voicemail(maxSeconds: number | undefined, ctx: TwimlContext): string {
  const transcribe = ctx.transcribe ?? true
  return el('Record', {
    maxLength: maxSeconds ?? DEFAULT_VOICEMAIL_SECONDS,
    playBeep: true,
    finishOnKey: '#',
    // Without an action Twilio requests the current document again after recording: the call would loop.
    action: `${ctx.base}/recorded`,
    method: 'POST',
    recordingStatusCallback: `${ctx.base}/recording`,
    recordingStatusCallbackMethod: 'POST',
    ...(transcribe ? { transcribe: true, transcribeCallback: `${ctx.base}/recording` } : {}),
  })
}

/** The wait message, played by Twilio in a loop while the caller is in the queue (<Enqueue waitUrl>). */
export function waitTwiml(wait: { position: number | null; etaSeconds: number | null }): string {
  const sentences: string[] = []
  if (wait.position !== null && Number.isFinite(wait.position) && wait.position >= 1) sentences.push(`Jest Pan/Pani ${Math.floor(wait.position)}. w kolejce.`)
  if (wait.etaSeconds !== null && Number.isFinite(wait.etaSeconds) && wait.etaSeconds >= 0) {
    const minutes = Math.max(1, Math.ceil(wait.etaSeconds / 60))
    // "około" takes the genitive: około 1 minuty, około 2/5 minut.
    sentences.push(`Szacowany czas oczekiwania: około ${minutes} ${minutes === 1 ? 'minuty' : 'minut'}.`)
  }
  return response(sentences.length > 0 ? say(sentences.join(' ')) : '', el('Pause', { length: WAIT_PAUSE_SECONDS }))
}

export interface DialTarget { number?: string; sip?: string }
export interface DialOptions {
  timeoutSeconds?: number
  callerId?: string
  /** Where Twilio reports how the Dial ended (DialCallStatus); without it a consultant who does not answer would
   * end the citizen's call. */
  action?: string
}

/** The TwiML that connects a waiting caller to a consultant's phone or SIP softphone (the REST update's Twiml). */
export function dialTwiml(target: DialTarget, opts: DialOptions = {}): string {
  const noun = target.sip !== undefined
    ? el('Sip', {}, text(/^sips?:/i.test(target.sip) ? target.sip : `sip:${target.sip}`))
    : el('Number', {}, text(target.number ?? ''))
  return response(el('Dial', {
    ...(opts.timeoutSeconds !== undefined ? { timeout: opts.timeoutSeconds } : {}),
    ...(opts.callerId !== undefined ? { callerId: opts.callerId } : {}),
    ...(opts.action !== undefined ? { action: opts.action, method: 'POST' } : {}),
  }, noun))
}

export function sayAndHangUp(message: string): string {
  return response(say(message), el('Hangup'))
}

export const apologyTwiml = (): string => sayAndHangUp(APOLOGY)
export const hangUpTwiml = (): string => response(el('Hangup'))
/** Nothing more to do: Twilio ends the call, or (after a redirect) ignores it. */
export const emptyTwiml = (): string => PROLOG + '<Response/>'

function response(...children: string[]): string {
  return PROLOG + el('Response', {}, ...children)
}

function say(message: string): string {
  return el('Say', { language: LANGUAGE }, text(message))
}

/** How a key is said: digits as they are, the star and the hash by name. */
function spokenKey(key: string): string {
  return key.replace(/\*/g, ' gwiazdkę ').replace(/#/g, ' krzyżyk ').replace(/\s+/g, ' ').trim()
}

type Attrs = Record<string, string | number | boolean>

/** An element; `children` are markup already built (text goes through `text`). */
function el(name: string, attrs: Attrs = {}, ...children: string[]): string {
  const attributes = Object.entries(attrs).map(([k, v]) => ` ${k}="${attr(String(v))}"`).join('')
  const inner = children.join('')
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`
}

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates): dropped, not escaped. */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(value: string): string {
  // Newlines and tabs as references: a parser would otherwise normalise them to spaces.
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}
