// The connectors the configuration enables (a channel is on when its secrets are set).
import type { Connector } from '../connectors/connector.ts'
import { createTelegramConnector } from '../connectors/telegram/telegram-connector.ts'
import type { Logger } from './app/ports.ts'
import type { Config } from './config.ts'

export function configuredConnectors(config: Config, log: Logger): Connector[] {
  const list: Connector[] = []
  if (config.telegram) {
    list.push(createTelegramConnector({ ...config.telegram, apiUrl: config.telegram.apiUrl ?? 'https://api.telegram.org', log }))
    log.info({ channel: 'telegram' }, 'Telegram channel on: webhook at /connectors/telegram')
  }
  return list
}
