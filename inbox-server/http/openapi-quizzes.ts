// The OpenAPI paths and schemas of knowledge quizzes (merged into openapi-document).
import { AttemptResult, FinishAttemptBody, Quiz, QuizCreate, QuizPatch, QuizResultRow, QuizSummary, StartedAttempt } from '../../protocol/quizzes.ts'

export const quizOutputSchemas = { Quiz, QuizSummary, StartedAttempt, AttemptResult, QuizResultRow }
export const quizInputSchemas = { QuizCreate, QuizPatch, FinishAttemptBody }

type Name = keyof typeof quizOutputSchemas | keyof typeof quizInputSchemas | 'ApiError'
const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: Name) => ({ 'application/json': { schema: ref(name) } })
const list = (name: Name) => ({ 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ref(name) } }, required: ['items'] } } })
const error = (description: string) => ({ description, content: json('ApiError') })
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const signedIn = { 401: error('Not signed in') }
const writers = { ...signedIn, 403: error('Administrators and supervisors only') }

export function quizPaths() {
  return {
    '/api/admin/quizzes': {
      get: { summary: 'All quizzes with their questions and correct options', responses: { 200: { description: 'OK', content: list('Quiz') }, ...writers } },
      post: {
        summary: 'Write a quiz (single and multiple choice questions, an explanation each); it may grant a routing skill while a pass is valid',
        requestBody: { required: true, content: json('QuizCreate') },
        responses: { 201: { description: 'Created', content: json('Quiz') }, 400: error('Invalid fields'), 404: error('No such skill'), ...writers },
      },
    },
    '/api/admin/quizzes/{id}': {
      patch: {
        summary: 'Edit a quiz; questions, when given, replace all of them',
        parameters: [id],
        requestBody: { required: true, content: json('QuizPatch') },
        responses: { 200: { description: 'OK', content: json('Quiz') }, 400: error('Invalid fields'), 404: error('No such quiz or skill'), ...writers },
      },
    },
    '/api/admin/quiz-results': {
      get: {
        summary: 'Per consultant: finished attempts, best score, last pass and whether it still holds the skill',
        parameters: [{ name: 'quizId', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { 200: { description: 'OK', content: list('QuizResultRow') }, 400: error('Invalid query'), 404: error('No such quiz'), ...writers },
      },
    },
    '/api/quizzes': {
      get: { summary: 'Active quizzes, without answers, with the caller’s last pass', responses: { 200: { description: 'OK', content: list('QuizSummary') }, ...signedIn } },
    },
    '/api/quizzes/{id}/attempts': {
      post: {
        summary: 'Start an attempt: the questions without their correct options',
        parameters: [id],
        responses: { 201: { description: 'Started', content: json('StartedAttempt') }, 404: error('No such active quiz'), ...signedIn },
      },
    },
    '/api/quiz-attempts/{id}': {
      post: {
        summary: 'Finish one’s own attempt, once: score, pass, time taken, and per question whether it was right with its explanation',
        parameters: [id],
        requestBody: { required: true, content: json('FinishAttemptBody') },
        responses: {
          200: { description: 'Scored', content: json('AttemptResult') },
          400: error('Invalid answers'),
          403: error('Someone else’s attempt'),
          404: error('No such attempt'),
          409: error('Finished already'),
          ...signedIn,
        },
      },
    },
  }
}
