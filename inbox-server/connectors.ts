// The connectors the configuration enables (a channel is on when its secrets are set).
import type { Connector } from '../connectors/connector.ts'
import { createTelegramConnector } from '../connectors/telegram/telegram-connector.ts'
import { createFormsConnector } from '../connectors/forms/forms-connector.ts'
import { createMessengerConnector } from '../connectors/messenger/messenger-connector.ts'
import { createTwilioSmsConnector } from '../connectors/sms/twilio-sms-connector.ts'
import { createEmailConnector } from '../connectors/email/email-connector.ts'
import { createTwilioVoiceConnector } from '../connectors/voice/twilio-voice-connector.ts'
import type { Logger } from './app/ports.ts'
import type { Config } from './config.ts'

export function configuredConnectors(config: Config, log: Logger): Connector[] {
  const list: Connector[] = []
  if (config.telegram) {
    list.push(createTelegramConnector({ ...config.telegram, apiUrl: config.telegram.apiUrl ?? 'https://api.telegram.org', log }))
    log.info({ channel: 'telegram' }, 'Telegram channel on: webhook at /connectors/telegram')
  }
  if (config.messenger) {
    const { apiUrl, ...secrets } = config.messenger
    list.push(createMessengerConnector({ ...secrets, ...(apiUrl ? { apiUrl } : {}), log }))
    log.info({ channel: 'messenger' }, 'Messenger channel on: webhook at /connectors/messenger')
  }
  if (config.email) {
    list.push(createEmailConnector({ ...config.email, host: config.host, log }))
    log.info({ channel: 'email', port: config.email.port, domain: config.email.domain }, 'e-mail channel on: SMTP listener for the domain, answers through SMTP_RELAY_URL')
  }
  if (config.twilio) {
    const { apiUrl, from, ...account } = config.twilio
    const common = { ...account, publicUrl: config.publicUrl, ...(apiUrl ? { apiUrl } : {}), log }
    list.push(createTwilioVoiceConnector(common))
    log.info({ channel: 'voice' }, 'calls on (Twilio): point the number at /connectors/voice/twilio, status callbacks at /connectors/voice/twilio/status')
    if (from) {
      list.push(createTwilioSmsConnector({ ...common, from }))
      log.info({ channel: 'sms' }, 'SMS channel on (Twilio): webhooks at /connectors/sms/twilio and /connectors/sms/twilio/status')
    }
  }
  if (Object.keys(config.forms).length > 0) {
    list.push(createFormsConnector({ forms: config.forms }))
    log.info({ channel: 'form', forms: Object.keys(config.forms) }, 'web contact forms on: /connectors/forms/<formId>')
  }
  return list
}
