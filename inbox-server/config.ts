// Reads and validates the environment once at start; a bad value stops the hub with a clear message.
import { z } from 'zod'

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  NATS_URL: z.string().regex(/^(nats|tls):\/\/./, 'NATS_URL must look like nats://host:4222').optional(),
  NATS_SUBJECT: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('inboxhub.bus'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must have at least 10 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'TELEGRAM_BOT_TOKEN must look like 123456:ABC…').optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'TELEGRAM_WEBHOOK_SECRET: 16–256 of A–Z a–z 0–9 _ -').optional(),
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  MESSENGER_APP_SECRET: z.string().min(16).optional(),
  MESSENGER_VERIFY_TOKEN: z.string().min(8).optional(),
  MESSENGER_PAGE_ACCESS_TOKEN: z.string().min(16).optional(),
  MESSENGER_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAIL_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'MAIL_DOMAIN must be a domain name such as infolinia.example.gov.pl')
    .optional(),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_RELAY_URL: z.string().regex(/^smtps?:\/\/./, 'SMTP_RELAY_URL must look like smtp://relay:25 or smtps://user:pass@relay:465').optional(),
  MAIL_FROM: z.email().optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/i, 'TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_SMS_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/i, 'TWILIO_SMS_FROM: an E.164 number (+48…) or a Messaging Service SID (MG…)').optional(),
  TWILIO_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  AFTER_CALL_WORK_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /** Web contact forms: `{"<formId>": {"secret"?: "…", "origins"?: ["https://portal…"]}}`. */
  FORMS: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'FORMS must be JSON' })
        return z.NEVER
      }
    })
    .pipe(
      z.record(
        z.string().regex(/^[a-z0-9-]{1,40}$/, 'form ids: a–z, 0–9 and -'),
        z
          .object({ secret: z.string().min(16, 'a form secret needs at least 16 characters').optional(), origins: z.array(z.url()).optional() })
          .refine((f) => f.secret || f.origins?.length, 'each form needs a secret or its origins'),
      ),
    )
    .optional(),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  natsUrl: string | undefined
  /** The NATS subject the nodes of one hub share; several hubs on one NATS server need different ones. */
  natsSubject: string
  publicUrl: string
  /** Origins allowed to open the visitor socket; '*' allows any. */
  allowedOrigins: string[]
  adminEmail: string | undefined
  adminPassword: string | undefined
  sessionTtlMs: number
  logLevel: z.infer<typeof Env>['LOG_LEVEL']
  /** The longest after-call work before a consultant is available again. */
  afterCallWorkMs: number
  /** Web contact forms by id; empty: none. */
  forms: Record<string, { secret?: string; origins?: string[] }>
  /** Set when the Messenger channel is configured (app secret, verify token and page access token). */
  messenger: { appSecret: string; verifyToken: string; pageAccessToken: string; apiUrl: string | undefined } | undefined
  /** Set when the Telegram channel is configured (both the bot token and the webhook secret). */
  telegram: { botToken: string; webhookSecret: string; apiUrl: string | undefined } | undefined
  /** Set when e-mail is on (MAIL_DOMAIN and SMTP_RELAY_URL). */
  email: { domain: string; port: number; relayUrl: string; from: string } | undefined
  /** Set when Twilio is on (account SID and auth token): calls; SMS too when `from` is set. */
  twilio: { accountSid: string; authToken: string; from: string | undefined; apiUrl: string | undefined } | undefined
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] }

export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }
  }
  const e = parsed.data
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  const allowedOrigins = e.ALLOWED_ORIGINS
    ? e.ALLOWED_ORIGINS.split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean)
    : [new URL(publicUrl).origin, ...(e.PUBLIC_URL ? [] : [`http://127.0.0.1:${e.PORT}`])]
  if (e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) return { ok: false, errors: ['ADMIN_PASSWORD: required when ADMIN_EMAIL is set'] }
  const messengerSet = [e.MESSENGER_APP_SECRET, e.MESSENGER_VERIFY_TOKEN, e.MESSENGER_PAGE_ACCESS_TOKEN].filter(Boolean).length
  if (messengerSet !== 0 && messengerSet !== 3) {
    return { ok: false, errors: ['MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN and MESSENGER_PAGE_ACCESS_TOKEN: set all three to enable Messenger, or none'] }
  }
  if (Boolean(e.MAIL_DOMAIN) !== Boolean(e.SMTP_RELAY_URL)) {
    return { ok: false, errors: ['MAIL_DOMAIN and SMTP_RELAY_URL: set both to enable e-mail (mail in for the domain, answers through the relay), or neither'] }
  }
  if (Boolean(e.TWILIO_ACCOUNT_SID) !== Boolean(e.TWILIO_AUTH_TOKEN)) {
    return { ok: false, errors: ['TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: set both to enable calls (and, with TWILIO_SMS_FROM, SMS), or neither'] }
  }
  if (e.TWILIO_SMS_FROM && !e.TWILIO_ACCOUNT_SID) {
    return { ok: false, errors: ['TWILIO_SMS_FROM: needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN'] }
  }
  if (e.TWILIO_ACCOUNT_SID && !e.PUBLIC_URL) {
    return { ok: false, errors: ['PUBLIC_URL: required for Twilio (it signs its webhooks over the public URL)'] }
  }
  if (Boolean(e.TELEGRAM_BOT_TOKEN) !== Boolean(e.TELEGRAM_WEBHOOK_SECRET)) {
    return { ok: false, errors: ['TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET: set both to enable Telegram, or neither'] }
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: e.DATA_DIR,
      databaseUrl: e.DATABASE_URL,
      natsUrl: e.NATS_URL,
      natsSubject: e.NATS_SUBJECT,
      publicUrl,
      allowedOrigins,
      adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
      adminPassword: e.ADMIN_PASSWORD,
      sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
      logLevel: e.LOG_LEVEL,
      afterCallWorkMs: e.AFTER_CALL_WORK_SECONDS * 1000,
      forms: e.FORMS ?? {},
      messenger:
        e.MESSENGER_APP_SECRET && e.MESSENGER_VERIFY_TOKEN && e.MESSENGER_PAGE_ACCESS_TOKEN
          ? { appSecret: e.MESSENGER_APP_SECRET, verifyToken: e.MESSENGER_VERIFY_TOKEN, pageAccessToken: e.MESSENGER_PAGE_ACCESS_TOKEN, apiUrl: e.MESSENGER_API_URL }
          : undefined,
      telegram:
        e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
          ? { botToken: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiUrl: e.TELEGRAM_API_URL }
          : undefined,
      email:
        e.MAIL_DOMAIN && e.SMTP_RELAY_URL
          ? { domain: e.MAIL_DOMAIN.toLowerCase(), port: e.SMTP_PORT, relayUrl: e.SMTP_RELAY_URL, from: e.MAIL_FROM ?? `infolinia@${e.MAIL_DOMAIN.toLowerCase()}` }
          : undefined,
      twilio:
        e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
          ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_SMS_FROM, apiUrl: e.TWILIO_API_URL }
          : undefined,
    },
  }
}
