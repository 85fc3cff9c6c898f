// The OpenAPI 3.1 description of REST v1, generated from the protocol's zod schemas.
import { z } from 'zod'
import {
  ApiError,
  AssignBody,
  ChangeStatusBody,
  EscalateBody,
  HandBackBody,
  TransferBody,
  Consultant,
  Conversation,
  ConversationList,
  ConversationListQuery,
  EventList,
  EventListQuery,
  LoginBody,
  LoginResult,
  PostMessage,
  TimelineEvent,
  ContactDetail,
  UpdateContactBody,
  LinkIdentityBody,
  MergeContactsBody,
  WrapUpBody,
} from '../../protocol/rest.ts'
import { Upload } from '../../protocol/attachments.ts'

import { adminInputSchemas, adminOutputSchemas, adminPaths } from './openapi-admin.ts'
import { kbInputSchemas, kbOutputSchemas, kbPaths } from './openapi-kb.ts'
import { quizInputSchemas, quizOutputSchemas, quizPaths } from './openapi-quizzes.ts'

const schemas = {
  ApiError,
  AssignBody,
  ChangeStatusBody,
  TransferBody,
  EscalateBody,
  HandBackBody,
  Consultant,
  Conversation,
  ConversationList,
  EventList,
  LoginBody,
  LoginResult,
  PostMessage,
  TimelineEvent,
  ContactDetail,
  UpdateContactBody,
  LinkIdentityBody,
  MergeContactsBody,
  WrapUpBody,
  Upload,
}

function jsonSchema(s: z.ZodType, io: 'input' | 'output' = 'output') {
  return z.toJSONSchema(s, { io, unrepresentable: 'any' })
}

function queryParams(s: z.ZodObject) {
  const js = jsonSchema(s, 'input') as { properties?: Record<string, unknown> }
  return Object.entries(js.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
}

const INPUTS = new Set(['AssignBody', 'LoginBody', 'PostMessage', 'TransferBody', 'ChangeStatusBody', 'EscalateBody', 'HandBackBody', 'UpdateContactBody', 'LinkIdentityBody', 'MergeContactsBody', 'WrapUpBody'])

const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: keyof typeof schemas) => ({ 'application/json': { schema: ref(name) } })
const error = (description: string) => ({ description, content: json('ApiError') })
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }

export function openApiDocument(serverUrl: string, version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inbox hub REST API',
      version,
      description: 'Conversations, timelines and staff messages of the contact centre. Realtime frames: see docs/protocol.md.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths: {
      '/health': { get: { security: [], summary: 'Liveness and database kind', responses: { 200: { description: 'OK' } } } },
      '/api/auth/login': {
        post: {
          security: [],
          summary: 'Sign in; returns a bearer token and sets the session cookie',
          requestBody: { required: true, content: json('LoginBody') },
          responses: {
            200: { description: 'Signed in', content: json('LoginResult') },
            400: error('Invalid body'),
            401: error('Wrong e-mail or password'),
            429: error('Too many failed attempts; see Retry-After'),
          },
        },
      },
      '/api/auth/logout': { post: { summary: 'Revoke the current session', responses: { 204: { description: 'Revoked' }, 401: error('Not signed in') } } },
      '/api/auth/me': { get: { summary: 'The signed-in consultant', responses: { 200: { description: 'OK', content: json('Consultant') }, 401: error('Not signed in') } } },
      '/api/conversations': {
        get: {
          summary: 'List conversations, most recent activity first, with cursor pagination',
          parameters: queryParams(ConversationListQuery),
          responses: { 200: { description: 'A page', content: json('ConversationList') }, 400: error('Bad filter or cursor'), 401: error('Not signed in') },
        },
      },
      '/api/queues': { get: { summary: 'Queues (first line by topic, second line per office)', responses: { 200: { description: '{items: [{id, name, line, officeId, topic}]}' }, 401: error('Not signed in') } } },
      '/api/offices': { get: { summary: 'Local labour offices with the TERYT regions they serve', responses: { 200: { description: '{items: [{id, name, regions}]}' }, 401: error('Not signed in') } } },
      '/api/consultants': { get: { summary: 'Active staff with role, presence and office', responses: { 200: { description: '{items: [{id, name, role, presence, officeId}]}' }, 401: error('Not signed in') } } },
      '/api/conversations/{id}': {
        get: {
          summary: 'One conversation',
          parameters: [idParam],
          responses: { 200: { description: 'OK', content: json('Conversation') }, 401: error('Not signed in'), 404: error('No such conversation') },
        },
      },
      '/api/conversations/{id}/events': {
        get: {
          summary: 'Timeline events after a seq, in seq order',
          parameters: [idParam, ...queryParams(EventListQuery)],
          responses: { 200: { description: 'OK', content: json('EventList') }, 401: error('Not signed in'), 404: error('No such conversation') },
        },
      },
      '/api/conversations/{id}/messages': {
        post: {
          summary: 'Reply to the citizen, or write a private note; idempotent by clientId',
          parameters: [idParam],
          requestBody: { required: true, content: json('PostMessage') },
          responses: {
            200: { description: 'Already stored under this clientId; nothing new was written', content: json('TimelineEvent') },
            201: { description: 'Stored', content: json('TimelineEvent') },
            400: error('Invalid body, or longer than the channel takes (`too_long`)'),
            401: error('Not signed in'),
            404: error('No such conversation'),
            409: error('Outside the channel’s reply window (`outside_reply_window`, Messenger after 7 days)'),
          },
        },
      },
      '/api/conversations/{id}/pick': {
        post: {
          summary: 'Take a waiting conversation by hand (races routing; one wins)',
          parameters: [idParam],
          responses: {
            201: { description: 'Taken; the assignment event', content: json('TimelineEvent') },
            401: error('Not signed in'),
            404: error('No such conversation'),
            409: error('No longer waiting: routing or someone else took it'),
          },
        },
      },
      '/api/conversations/{id}/transfer': {
        post: {
          summary: 'Transfer to another queue (it waits there) or to a consultant (theirs at once), with a note for staff',
          parameters: [idParam],
          requestBody: { required: true, content: json('TransferBody') },
          responses: {
            201: { description: 'Transferred; the (staff-only) routing event', content: json('TimelineEvent') },
            400: error('Invalid body: give exactly one of queueId and consultantId'),
            401: error('Not signed in'),
            404: error('No such conversation, queue or active consultant'),
            409: error('A resolved conversation cannot be transferred'),
          },
        },
      },
      '/api/conversations/{id}/assign': {
        post: {
          summary: 'Supervisors: give a waiting (queued or offered) conversation to a consultant by hand',
          parameters: [idParam],
          requestBody: { required: true, content: json('AssignBody') },
          responses: {
            201: { description: 'Assigned; the staff-only routing event', content: json('TimelineEvent') },
            400: error('Invalid body'),
            401: error('Not signed in'),
            403: error('Not a supervisor or administrator'),
            404: error('No such conversation or active consultant'),
            409: error('No longer waiting: someone took it, or it was resolved'),
          },
        },
      },
      '/api/conversations/{id}/escalate': {
        post: {
          summary: 'Escalate to the local office of the citizen’s region (or a named office) with a note; its second-line staff take it',
          parameters: [idParam],
          requestBody: { required: true, content: json('EscalateBody') },
          responses: {
            201: { description: 'Escalated; the (staff-only) routing event', content: json('TimelineEvent') },
            400: error('Invalid body, or the region is not known'),
            401: error('Not signed in'),
            404: error('No such conversation, or no office serves the region'),
            409: error('A resolved conversation cannot be escalated'),
          },
        },
      },
      '/api/conversations/{id}/hand-back': {
        post: {
          summary: 'The office hands an escalated conversation back to the first line, with its answer as a note',
          parameters: [idParam],
          requestBody: { required: true, content: json('HandBackBody') },
          responses: {
            201: { description: 'Handed back; the (staff-only) routing event', content: json('TimelineEvent') },
            401: error('Not signed in'),
            404: error('No such conversation'),
            409: error('Not an escalated, open conversation'),
          },
        },
      },
      '/api/conversations/{id}/status': {
        post: {
          summary: 'Resolve, set pending (waiting for the citizen), snooze until a time (it wakes then, or when the citizen writes), or open (reopen a resolved one as yours, wake a pending or snoozed one)',
          parameters: [idParam],
          requestBody: { required: true, content: json('ChangeStatusBody') },
          responses: {
            201: { description: 'Changed; the status event', content: json('TimelineEvent') },
            400: error('Invalid body, or a snooze time not in the next 90 days'),
            401: error('Not signed in'),
            404: error('No such conversation'),
            409: error('Already in that status, or the change is not allowed'),
          },
        },
      },
      '/api/uploads': {
        post: {
          summary: 'Upload a file to send with a reply (multipart/form-data, field "file"; images, PDF, text, office documents; at most 25 MB); name its id in the message’s attachmentIds. Unsent uploads are deleted after a day.',
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
          responses: { 201: { description: 'Stored', content: json('Upload') }, 400: error('No file, or an empty one'), 401: error('Not signed in'), 413: error('Larger than 25 MB'), 415: error('Not multipart, or a file type that is not sent') },
        },
      },
      '/api/conversations/{id}/wrap-up': {
        post: {
          summary: 'After a call: record how it ended (a disposition code and a note); resolves the call and ends after-call work',
          parameters: [idParam],
          requestBody: { required: true, content: json('WrapUpBody') },
          responses: { 201: { description: '{items: the note and status events}' }, 400: error('Invalid body, or not an active disposition code'), 403: error('Not the consultant who took the call'), 404: error('No such conversation'), 409: error('Not a call') },
        },
      },
      '/api/contacts': {
        get: {
          summary: 'Find contacts by name, e-mail, phone or an identity (not for second-line staff)',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2 } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } },
          ],
          responses: { 200: { description: '{items: [{id, name, email, phone}]}' }, 400: error('Invalid query'), 401: error('Not signed in'), 403: error('Second-line staff') },
        },
      },
      '/api/contacts/{id}': {
        get: { summary: 'A contact with its identities and conversations on every channel', parameters: [idParam], responses: { 200: { description: 'OK', content: json('ContactDetail') }, 404: error('No such contact, or merged into another') } },
        patch: {
          summary: 'Edit the contact’s details',
          parameters: [idParam],
          requestBody: { required: true, content: json('UpdateContactBody') },
          responses: { 200: { description: 'Changed', content: json('ContactDetail') }, 400: error('Invalid body'), 404: error('No such contact') },
        },
      },
      '/api/contacts/{id}/identities': {
        post: {
          summary: 'Link an identity the citizen gave (stored unverified)',
          parameters: [idParam],
          requestBody: { required: true, content: json('LinkIdentityBody') },
          responses: { 201: { description: 'Linked', content: json('ContactDetail') }, 404: error('No such contact'), 409: error('Another contact has it (`identity_taken`, details.contactId): merge instead') },
        },
      },
      '/api/contacts/{id}/merge': {
        post: {
          summary: 'Merge another contact into this one: identities and conversations move, timelines intact',
          parameters: [idParam],
          requestBody: { required: true, content: json('MergeContactsBody') },
          responses: { 200: { description: 'Merged', content: json('ContactDetail') }, 400: error('Into itself'), 404: error('No such contact, or already merged') },
        },
      },
      '/api/attachments/{id}': {
        get: {
          summary: 'Download an attachment (staff who may see the conversation, or its own widget visitor with `Authorization: Visitor <token>`)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } }],
          responses: { 200: { description: 'The bytes, as a download' }, 401: error('Not signed in'), 404: error('No such attachment (or not yours, or it could not be fetched)'), 409: error('Still being fetched (`attachment_pending`)') },
        },
      },
      ...adminPaths(),
      ...kbPaths(),
      ...quizPaths(),
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'inbox_session' },
      },
      schemas: {
        ...Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, jsonSchema(s, INPUTS.has(k) ? 'input' : 'output')])),
        ...Object.fromEntries(Object.entries(adminOutputSchemas).map(([k, s]) => [k, jsonSchema(s, 'output')])),
        ...Object.fromEntries(Object.entries(adminInputSchemas).map(([k, s]) => [k, jsonSchema(s, 'input')])),
        ...Object.fromEntries(Object.entries(kbOutputSchemas).map(([k, s]) => [k, jsonSchema(s, 'output')])),
        ...Object.fromEntries(Object.entries(kbInputSchemas).map(([k, s]) => [k, jsonSchema(s, 'input')])),
        ...Object.fromEntries(Object.entries(quizOutputSchemas).map(([k, s]) => [k, jsonSchema(s, 'output')])),
        ...Object.fromEntries(Object.entries(quizInputSchemas).map(([k, s]) => [k, jsonSchema(s, 'input')])),
      },
    },
  }
}
