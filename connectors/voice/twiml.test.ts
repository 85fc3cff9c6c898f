// The TwiML of each plan, the wait message and the Dial, as exact strings: structure, URLs and escaping.
import { describe, expect, it } from 'vitest'
import { apologyTwiml, dialTwiml, planTwiml, waitTwiml } from './twiml.ts'

const BASE = 'https://hub.example.gov.pl/connectors/voice/twilio'
const X = '<?xml version="1.0" encoding="UTF-8"?>'
const say = (t: string) => `<Say language="pl-PL">${t}</Say>`

describe('planTwiml', () => {
  const menu = { kind: 'menu' as const, greeting: 'Urząd Pracy, dzień dobry.', options: [{ digit: '1', label: 'Zasiłki' }, { digit: '*', label: 'Inne sprawy' }] }

  it('plays the menu in a Gather, then redirects to the menu once with the attempt in the URL', () => {
    expect(planTwiml(menu, { base: BASE, attempt: 1 })).toBe(X + '<Response>'
      + `<Gather input="dtmf" numDigits="1" action="${BASE}/menu?attempt=1" method="POST" timeout="6">`
      + say('Urząd Pracy, dzień dobry.') + say('Zasiłki, naciśnij 1.') + say('Inne sprawy, naciśnij gwiazdkę.')
      + '</Gather>'
      + `<Redirect method="POST">${BASE}/menu?attempt=1</Redirect></Response>`)
  })

  it('says goodbye and hangs up after the second playing instead of redirecting again', () => {
    const twiml = planTwiml({ ...menu, timeoutSeconds: 10 }, { base: BASE, attempt: 2 })
    expect(twiml).toContain(`action="${BASE}/menu?attempt=2" method="POST" timeout="10">`)
    expect(twiml).not.toContain('<Redirect')
    expect(twiml).toMatch(/<\/Gather><Say language="pl-PL">Nie wybrano żadnej opcji\. [^<]*<\/Say><Hangup\/><\/Response>$/)
  })

  it('enqueues with the wait and action URLs, with or without a greeting', () => {
    expect(planTwiml({ kind: 'enqueue', greeting: 'Proszę czekać.', queue: 'q-1' }, { base: BASE })).toBe(X + '<Response>' + say('Proszę czekać.')
      + `<Enqueue waitUrl="${BASE}/wait" waitUrlMethod="POST" action="${BASE}/queue-result" method="POST">q-1</Enqueue></Response>`)
    expect(planTwiml({ kind: 'enqueue', greeting: null, queue: 'q-1' }, { base: BASE })).toBe(X
      + `<Response><Enqueue waitUrl="${BASE}/wait" waitUrlMethod="POST" action="${BASE}/queue-result" method="POST">q-1</Enqueue></Response>`)
  })

  it('after hours records a voicemail with transcription and a Record action (no loop), then thanks and hangs up', () => {
    expect(planTwiml({ kind: 'closed', message: 'Urząd jest zamknięty.', voicemail: true, maxSeconds: 90 }, { base: BASE })).toBe(X + '<Response>'
      + say('Urząd jest zamknięty.')
      + `<Record maxLength="90" playBeep="true" finishOnKey="#" action="${BASE}/recorded" method="POST" recordingStatusCallback="${BASE}/recording" recordingStatusCallbackMethod="POST" transcribe="true" transcribeCallback="${BASE}/recording"/>`
      + say('Dziękujemy za telefon. Do widzenia.') + '<Hangup/></Response>')
    expect(planTwiml({ kind: 'closed', message: 'Zamknięte.', voicemail: true }, { base: BASE, transcribe: false })).toContain(`<Record maxLength="120" playBeep="true" finishOnKey="#" action="${BASE}/recorded" method="POST" recordingStatusCallback="${BASE}/recording" recordingStatusCallbackMethod="POST"/>`)
    expect(planTwiml({ kind: 'closed', message: 'Zamknięte.', voicemail: false }, { base: BASE })).toBe(X + '<Response>' + say('Zamknięte.') + say('Dziękujemy za telefon. Do widzenia.') + '<Hangup/></Response>')
  })

  it('rejects with a message and a hangup', () => {
    expect(planTwiml({ kind: 'reject', message: 'Numer zablokowany.' }, { base: BASE })).toBe(X + '<Response>' + say('Numer zablokowany.') + '<Hangup/></Response>')
  })

  it('escapes <, &, quotes in messages, labels, queue names and URLs, and drops characters XML cannot carry', () => {
    const twiml = planTwiml({ kind: 'menu', greeting: 'A & B <script>"x"</script>', options: [{ digit: '1', label: "Tom's \u0000<b>" }] }, { base: 'https://h.example/a?x="1"&y=<2>' })
    expect(twiml).toContain(say('A &amp; B &lt;script&gt;"x"&lt;/script&gt;'))
    expect(twiml).toContain(say("Tom's &lt;b&gt;, naciśnij 1."))
    expect(twiml).toContain('action="https://h.example/a?x=&quot;1&quot;&amp;y=&lt;2&gt;/menu?attempt=1"')
    expect(planTwiml({ kind: 'enqueue', greeting: null, queue: 'a<b>&"c"' }, { base: BASE })).toContain('>a&lt;b&gt;&amp;"c"</Enqueue>')
    expect(twiml).not.toContain('\u0000')
    expect(planTwiml({ kind: 'reject', message: 'x\uD800y' }, { base: BASE })).toContain(say('xy'))
  })
})

describe('waitTwiml', () => {
  it('says the place and the estimated wait, then pauses (Twilio asks again when it ends)', () => {
    expect(waitTwiml({ position: 3, etaSeconds: 250 })).toBe(X + '<Response>' + say('Jest Pan/Pani 3. w kolejce. Szacowany czas oczekiwania: około 5 minut.') + '<Pause length="20"/></Response>')
    expect(waitTwiml({ position: 1, etaSeconds: 30 })).toContain('około 1 minuty.')
  })

  it('leaves out what the hub does not know', () => {
    expect(waitTwiml({ position: 2, etaSeconds: null })).toBe(X + '<Response>' + say('Jest Pan/Pani 2. w kolejce.') + '<Pause length="20"/></Response>')
    expect(waitTwiml({ position: null, etaSeconds: null })).toBe(X + '<Response><Pause length="20"/></Response>')
  })
})

describe('dialTwiml', () => {
  it('dials a number or a SIP address, with timeout, caller id and action', () => {
    expect(dialTwiml({ number: '+48221234567' }, { timeoutSeconds: 20, callerId: '+48221000000', action: `${BASE}/dial-result` })).toBe(X
      + `<Response><Dial timeout="20" callerId="+48221000000" action="${BASE}/dial-result" method="POST"><Number>+48221234567</Number></Dial></Response>`)
    expect(dialTwiml({ sip: 'konsultant7@pbx.example.gov.pl' })).toBe(X + '<Response><Dial><Sip>sip:konsultant7@pbx.example.gov.pl</Sip></Dial></Response>')
    expect(dialTwiml({ sip: 'sips:a@b.example?x=1&y=2' })).toContain('<Sip>sips:a@b.example?x=1&amp;y=2</Sip>')
  })

  it('apologises in Polish', () => {
    expect(apologyTwiml()).toBe(X + '<Response>' + say('Przepraszamy, wystąpił błąd. Prosimy zadzwonić ponownie.') + '<Hangup/></Response>')
  })
})
