// Builds a running hub from a config: database, store, bus, use cases, HTTP and sockets on one port.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { serve } from '@hono/node-server'
import { pino, type DestinationStream } from 'pino'
import { openDatabase, type Database } from '../db/client.ts'
import { ensureFirstAdmin, type FirstAdmin } from './app/first-admin.ts'
import { createInProcessBus } from './bus/in-process-bus.ts'
import { createNatsBus } from './bus/nats-bus.ts'
import type { Bus, Clock, Logger, Store } from './app/ports.ts'
import { createAssignWaiting } from './app/assign-waiting.ts'
import { createChangeStatus } from './app/change-status.ts'
import { createEscalation } from './app/escalate-conversation.ts'
import { createExpireOffer } from './app/expire-offer.ts'
import { createRespondToOffer } from './app/respond-to-offer.ts'
import { createOfferTimers } from './jobs/offer-timers.ts'
import { createPickConversation } from './app/pick-conversation.ts'
import { createTransferConversation } from './app/transfer-conversation.ts'
import { createReceiveVisitorMessage } from './app/receive-visitor-message.ts'
import { createSetPresence } from './app/set-presence.ts'
import { createSendStaffMessage } from './app/send-staff-message.ts'
import { createVisitorLeaves } from './app/visitor-leaves.ts'
import { createStaffAuth } from './app/staff-auth.ts'
import type { Config } from './config.ts'
import { createSystemClock } from './system-clock.ts'
import { authRoutes } from './http/auth-routes.ts'
import { conversationRoutes } from './http/conversation-routes.ts'
import { directoryRoutes } from './http/directory-routes.ts'
import { adminRoutes } from './http/admin-routes.ts'
import { createAdministration } from './app/administer-routing.ts'
import { createQueueBoard } from './app/queue-board.ts'
import { createWaitEstimates } from './app/wait-estimates.ts'
import { createFireSla } from './app/fire-sla.ts'
import { createReceiveInbound } from './app/receive-inbound.ts'
import { contactRoutes } from './http/contact-routes.ts'
import { attachmentRoutes } from './http/attachment-routes.ts'
import { createVoiceCalls } from './app/voice-calls.ts'
import { createConversationAttributes } from './app/conversation-attributes.ts'
import { createSnoozeWaker } from './jobs/snooze-waker.ts'
import { createWallboard } from './app/wallboard.ts'
import { createReports } from './app/reports.ts'
import { createAskSurvey } from './app/ask-survey.ts'
import { createKbDeflection } from './app/kb-deflection.ts'
import { surveyPage } from './http/survey-page.ts'
import { reportRoutes } from './http/report-routes.ts'
import { createWallboardPush } from './realtime/wallboard-push.ts'
import { workflowRoutes } from './http/workflow-routes.ts'
import { kbRoutes } from './http/kb-routes.ts'
import { quizRoutes } from './http/quiz-routes.ts'
import { createTakeQuiz } from './app/take-quiz.ts'
import { uploadRoutes } from './http/upload-routes.ts'
import { createAfterCallWork } from './app/after-call-work.ts'
import { createPostCallSurvey } from './app/post-call-survey.ts'
import type { TwilioVoiceConnector } from '../connectors/voice/twilio-voice-connector.ts'
import { createCallConnector } from './jobs/call-connector.ts'
import { createAttachmentFetcher } from './jobs/attachment-fetcher.ts'
import { createOutboxWorker } from './jobs/outbox-worker.ts'
import type { Connector } from '../connectors/connector.ts'
import type { ChannelKind } from '../protocol/channel.ts'
import { configuredConnectors } from './connectors.ts'
import { createPresentConversations } from './app/present-conversations.ts'
import { createSlaAdministration } from './app/administer-sla.ts'
import { createSlaClocks } from './app/sla-clocks.ts'
import { createSlaContexts } from './app/sla-context.ts'
import { createSlaTimers } from './jobs/sla-timers.ts'
import { healthRoute } from './http/health-route.ts'
import { createHttpApp } from './http/http-app.ts'
import { openApiDocument } from './http/openapi-document.ts'
import { requireStaff } from './http/staff-auth-middleware.ts'
import { staticRoutes } from './http/static-routes.ts'
import { Fanout } from './realtime/fanout.ts'
import { startHeartbeat } from './realtime/heartbeat.ts'
import { attachSocketEndpoints } from './realtime/socket-endpoints.ts'
import { createDrizzleStore } from './store/drizzle-store.ts'

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

export interface Hub {
  url: string
  port: number
  store: Store
  dbKind: 'pglite' | 'postgres'
  busKind: 'in-process' | 'nats'
  firstAdmin: FirstAdmin
  /** Runs a routing pass now (they also run on arrivals, presence and status changes, and every 15 s). */
  routeNow(): Promise<void>
  close(): Promise<void>
}

export interface HubOptions {
  clock?: Clock
  logger?: Logger
  /** An already opened database (tests share one per file). */
  database?: Database
  heartbeatMs?: number
  /** How often open staff sockets re-check their session (sign-out elsewhere ends them). */
  sessionCheckMs?: number
  routingSweepMs?: number
  /** Connectors to use instead of those the configuration enables (tests point them at fake providers). */
  connectors?: Connector[]
  /** How many waiting conversations a routing pass reads per queue and in all (tests use small windows). */
  passLimits?: { perQueue: number; total: number }
}

export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password', '*.password', 'token', '*.token', 'visitorToken', '*.visitorToken',
        'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
        // Database errors carry the statement's parameters: message texts and tokens are personal data or secrets.
        'err.params', 'err.parameters', 'err.cause.params', 'err.cause.parameters',
      ],
      censor: '[redacted]',
    },
  }, destination)
}

export async function startHub(config: Config, opts: HubOptions = {}): Promise<Hub> {
  const clock = opts.clock ?? createSystemClock()
  const log = opts.logger ?? createLogger(config.logLevel)
  const database =
    opts.database ??
    (await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir }))
  const store = createDrizzleStore(database)
  const defaults = await store.ensureDefaults()
  const firstAdmin = await ensureFirstAdmin(store, { email: config.adminEmail, password: config.adminPassword, queueId: defaults.defaultQueueId })

  const bus: Bus = config.natsUrl
    ? await createNatsBus({ url: config.natsUrl, subject: config.natsSubject, log })
    : createInProcessBus((err) => log.error({ err }, 'bus handler failed'))
  const fanout = new Fanout()
  const unsubscribe = bus.subscribe((m) => fanout.deliver(m))
  const heartbeat = startHeartbeat(opts.heartbeatMs ?? 30_000)

  const auth = createStaffAuth({ store, clock, log, sessionTtlMs: config.sessionTtlMs })
  const estimateWait = createWaitEstimates({ store, clock })
  const assignWaiting = createAssignWaiting({ store, bus, clock, log, onOffered: (id, at) => offerTimers.arm(id, at), estimateWait, ...(opts.passLimits ? { passLimits: opts.passLimits } : {}) })
  const offerTimers = createOfferTimers({ clock, store, log, expire: createExpireOffer({ store, bus, clock, assignWaiting }) })
  await offerTimers.reload()
  // SLA clocks: deadlines armed on this node are told to the others, so every node holds every deadline.
  const slaContexts = createSlaContexts({ store, clock, log })
  const sla = createSlaClocks({
    contexts: slaContexts,
    onArmed: (conversationId, fireAt) => {
      slaTimers.arm(conversationId, fireAt)
      bus.publish({ type: 'sla_timer', conversationId, fireAt: fireAt?.toISOString() ?? null })
    },
  })
  const slaTimers = createSlaTimers({ clock, store, log, fire: createFireSla({ store, bus, clock, sla, assignWaiting }) })
  const unsubscribeSla = bus.subscribe((m) => {
    if (m.type === 'sla_timer') slaTimers.arm(m.conversationId, m.fireAt ? new Date(m.fireAt) : null)
  })
  await slaTimers.reload()
  // A safety net: a pass now and then catches what a lost trigger left waiting, and re-arming every stored
  // offer catches those a node that died had made (an offer fires once, whichever node gets there first).
  const routingSweep = setInterval(() => {
    void assignWaiting()
    offerTimers.reload().catch((err: unknown) => log.error({ err }, 'offer reload failed'))
    // Deadlines armed by a node that died before telling the others (the bus is at most once) are found here.
    slaTimers.sweep().catch((err: unknown) => log.error({ err }, 'SLA sweep failed'))
    afterCallWork.reload().catch((err: unknown) => log.error({ err }, 'after-call work reload failed'))
    // Files uploaded for a reply that was never sent.
    store.deleteUploadsBefore(new Date(clock.now().getTime() - 86_400_000)).catch((err: unknown) => log.error({ err }, 'upload sweep failed'))
  }, opts.routingSweepMs ?? 15_000)
  routingSweep.unref()
  const respondToOffer = createRespondToOffer({ store, bus, clock, assignWaiting })
  const receiveVisitorMessage = createReceiveVisitorMessage({ store, bus, clock, defaults, onQueued: () => void assignWaiting(), sla })
  const setPresence = createSetPresence({ store, bus, clock, assignWaiting })
  const changeStatus = createChangeStatus({ store, bus, clock, assignWaiting, sla })
  // Snoozed conversations wake on time: read from the database (restarts, other nodes), poked at the exact time
  // a snooze set here runs out.
  const snoozeWaker = createSnoozeWaker({ clock, log, due: (now, limit) => store.dueSnoozes(now, limit), wake: (id) => changeStatus.wakeIfDue(id) })
  const changeStatusByHand: typeof changeStatus.changeStatus = async (m) => {
    const r = await changeStatus.changeStatus(m)
    // Resolved by staff: the citizen is asked for a rating on the conversation's channel.
    if (r.ok && m.status.status === 'resolved') askSurvey.askAfterResolve(m.conversationId).catch((err: unknown) => log.error({ err, conversationId: m.conversationId }, 'survey failed'))
    const ms = m.status.status === 'snoozed' ? m.status.until.getTime() - clock.now().getTime() : null
    // Within the hour: on the dot (setTimeout cannot hold weeks; the waker's poll takes the longer ones).
    if (r.ok && ms !== null && ms <= 3_600_000) clock.setTimer(() => void snoozeWaker.poke(), ms)
    return r
  }
  // Channels through providers: their webhooks ingest into the same use case as the widget, replies go out
  // through the outbox worker.
  const connectors = opts.connectors ?? configuredConnectors(config, log)
  const senders: Partial<Record<ChannelKind, Connector>> = Object.fromEntries(connectors.map((c) => [c.kind, c]))
  // Web forms are answered by e-mail (the forms connector only says so when e-mail is off).
  if (senders.email) senders.form = senders.email
  const outboxWorker = createOutboxWorker({ store, bus, clock, log, senders, ...(config.email ? { mailDomain: config.email.domain } : {}) })
  const askSurvey = createAskSurvey({ store, bus, clock, log, publicUrl: config.publicUrl, onOutbox: () => void outboxWorker.poke() })
  const attachmentFetcher = createAttachmentFetcher({
    store,
    bus,
    clock,
    log,
    fetchers: Object.fromEntries(
      connectors.flatMap((c) => (c.fetchAttachment ? [[c.kind, c.fetchAttachment.bind(c)]] : isVoice(c) ? [[c.kind, c.fetchRecording.bind(c)]] : [])),
    ),
  })
  // After a call the caller is asked for a rating by SMS, when SMS is on.
  const smsConnector = connectors.find((c) => c.kind === 'sms')
  const survey = createPostCallSurvey({ store, bus, clock, log, ...(smsConnector ? { sendSms: (m: Parameters<typeof smsConnector.send>[0]) => smsConnector.send(m) } : {}) })
  const ingest = createReceiveInbound({
    store,
    bus,
    clock,
    log,
    receive: receiveVisitorMessage,
    onAttachments: () => void attachmentFetcher.poke(),
    profiles: Object.fromEntries(connectors.flatMap((c) => (c.profileName ? [[c.kind, c.profileName.bind(c)]] : []))),
    surveyAnswer: (contactId: string, text: string, externalId: string) => survey.answer(contactId, text, externalId),
  })
  const afterCallWork = createAfterCallWork({ store, bus, clock, log, setPresence, maxMs: config.afterCallWorkMs })
  const voiceCalls = createVoiceCalls({
    store,
    bus,
    clock,
    log,
    defaults,
    sla: slaContexts,
    estimateWait,
    onQueued: () => void assignWaiting(),
    onAttachments: () => void attachmentFetcher.poke(),
    onCallEnded: (consultantId, conversationId) => {
      afterCallWork.callEnded(consultantId, conversationId).catch((err: unknown) => log.error({ err, consultantId }, 'after-call work failed'))
      survey?.ask(conversationId).catch((err: unknown) => log.error({ err, conversationId }, 'post-call survey failed'))
    },
  })
  await afterCallWork.reload()
  // Calls given to a consultant are put through by one node; an assignment anywhere rings the doorbell here.
  const voice = connectors.find(isVoice)
  const callConnector = voice ? createCallConnector({ store, bus, clock, log, connect: (sid, target) => voice.connectCall(sid, target), requeue: (sid) => voice.requeueCall(sid) }) : null
  const unsubscribeCalls = callConnector ? bus.subscribe((m) => (m.type === 'event' && (m.event.type === 'assignment' || m.event.type === 'status') ? void callConnector.poke() : undefined)) : () => {}
  const sendStaffMessage = createSendStaffMessage({ store, bus, clock, sla, onOutbox: () => void outboxWorker.poke() })
  const startedAt = clock.now().getTime()

  // The supervisors' wallboard: computed on request, and pushed to watching screens after each change (1/s at most).
  const wallboard = createWallboard({ store, clock })
  const wallboardPush = createWallboardPush({ compute: wallboard, log })
  const unsubscribeWallboard = bus.subscribe((m) => (m.type === 'event' || m.type === 'presence' || m.type === 'offer' ? wallboardPush.changed() : undefined))

  const app = createHttpApp({
    log,
    health: healthRoute({ dbKind: database.kind, busKind: config.natsUrl ? 'nats' : 'in-process', version, startedAt, now: () => clock.now().getTime(), sockets: () => fanout.counts(), pingDatabase: () => store.ping() }),
    auth: authRoutes({ auth, secureCookies: config.publicUrl.startsWith('https:') }),
    api: conversationRoutes({
      store,
      sendStaffMessage,
      changeStatus: changeStatusByHand,
      pick: createPickConversation({ store, bus, clock }),
      transfer: createTransferConversation({ store, bus, clock, assignWaiting }),
      escalation: createEscalation({ store, bus, clock, defaults, assignWaiting }),
      present: createPresentConversations({ contexts: slaContexts, clock }),
      wrapUp: (by, id, disposition, note) => afterCallWork.wrapUp(by, id, disposition, note),
      attributes: createConversationAttributes({ store, bus, clock, assignWaiting }),
    }),
    workflow: workflowRoutes({ store, clock }),
    kb: kbRoutes({ store, clock }),
    quizzes: quizRoutes({ store, clock, takeQuiz: createTakeQuiz({ store, clock }) }),
    uploads: uploadRoutes({ store, clock }),
    reports: reportRoutes({ reports: createReports({ store, clock }) }),
    survey: surveyPage({ survey: askSurvey }),
    directory: directoryRoutes({ store }),
    contacts: contactRoutes({ store, clock }),
    attachments: attachmentRoutes({ store, authenticate: (t) => auth.authenticate(t) }),
    connectors: connectors.flatMap((c) =>
      isVoice(c) ? [{ path: `/connectors/${c.path ?? c.kind}`, app: c.voiceRoutes(voiceCalls) }] : c.routes ? [{ path: `/connectors/${c.path ?? c.kind}`, app: c.routes(ingest) }] : [],
    ),
    admin: adminRoutes({
      store,
      admin: createAdministration({ store, clock, assignWaiting, onCalendarsChanged: () => slaContexts.invalidate() }),
      sla: createSlaAdministration({ store, invalidate: () => slaContexts.invalidate() }),
      queueBoard: createQueueBoard({ store, clock }),
      wallboard,
      setPresence,
    }),
    openapi: () => openApiDocument(config.publicUrl, version),
    statics: staticRoutes(),
    requireStaff: requireStaff(auth),
  })

  // Listeners that are not HTTP (the SMTP server) take mail into the same ingest as the webhooks.
  const listeners = await Promise.all(connectors.flatMap((c) => (c.start ? [c.start(ingest)] : [])))
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server
  const sockets = attachSocketEndpoints(server, {
    auth,
    allowedOrigins: config.allowedOrigins,
    publicOrigin: new URL(config.publicUrl).origin,
    heartbeat,
    visitor: { store, bus, clock, log, fanout, receiveVisitorMessage, estimateWait, visitorLeaves: createVisitorLeaves({ store, bus, clock }), answerSurvey: (m) => askSurvey.answerInChat(m), kb: createKbDeflection({ store, clock }) },
    staff: { store, bus, log, fanout, sendStaffMessage, setPresence, respondToOffer, wallboard: wallboardPush, authenticate: (t) => auth.authenticate(t), sessionCheckMs: opts.sessionCheckMs ?? 30_000 },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  log.info({ event: 'listening', port, db: database.kind }, 'hub listening')

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    dbKind: database.kind,
    busKind: config.natsUrl ? 'nats' : 'in-process',
    firstAdmin,
    routeNow: assignWaiting,
    async close() {
      clearInterval(routingSweep)
      offerTimers.stop()
      slaTimers.stop()
      outboxWorker.stop()
      attachmentFetcher.stop()
      callConnector?.stop()
      afterCallWork.stop()
      snoozeWaker.stop()
      wallboardPush.stop()
      unsubscribeWallboard()
      unsubscribeCalls()
      await Promise.all(listeners.map((l) => l.stop()))
      unsubscribeSla()
      heartbeat.stop()
      unsubscribe()
      sockets.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await bus.close()
      if (!opts.database) await database.close()
    },
  }
}

/** Calls need the hub's answers while they ring (TwiML), not only an ingest. */
function isVoice(c: Connector): c is TwilioVoiceConnector {
  return 'voiceRoutes' in c
}
