// Lint rules, including the layer boundaries of ARCHITECTURE.md: a pure domain, connectors without database access.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const ioModules = [
  'hono', 'hono/*', '@hono/*', 'ws', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*', 'pino', 'nats',
  'node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:timers', 'node:timers/*', 'node:dgram', 'node:worker_threads',
  'fs', 'net', 'http', 'https', 'child_process',
]

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'widget/dist/', 'console/build/', 'console/.svelte-kit/', '**/*.svelte', 'db/migrations/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', crypto: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'No .only in committed tests' }],
    },
  },
  {
    files: ['inbox-server/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ioModules, message: 'The domain is pure: no I/O. Pass values in; adapters live outside.' }, { group: ['**/db/**', '**/store/**', '**/http/**', '**/realtime/**'], message: 'The domain may not reach into adapters.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain does not read the clock: pass the time in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain does not read the clock: pass the time in.' },
        { selector: "CallExpression[callee.name=/^set(Timeout|Interval|Immediate)$/]", message: 'The domain has no timers.' },
      ],
    },
  },
  {
    files: ['connectors/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/db/**', '**/db', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*', '**/inbox-server/store/**'], message: 'Connectors hand events to the core; they never touch the database.' }] }],
    },
  },
)
