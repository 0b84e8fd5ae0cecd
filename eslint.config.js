// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'apps/web/dist/**', 'packages/db/migrations/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from the config object (apps/server/src/platform/config.ts).' }],
    },
  },
  {
    // The engine is pure: no I/O, no clock, no process. Callers pass plain data (and `now`) in.
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'os', 'crypto', 'worker_threads'], message: 'packages/engine does no I/O: take plain data as arguments.' },
            { group: ['@adloop/db', '@adloop/db/*', '@adloop/platforms', '@adloop/platforms/*', '@adloop/sandbox', '@adloop/sandbox/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-boss', '@electric-sql/*', 'fastify', 'fastify/*', '**/apps/**'], message: 'packages/engine does no I/O: it never imports the database, the adapters, the sandbox or the server.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'packages/engine does no I/O.' }, { name: 'process', message: 'packages/engine reads no environment.' }, { name: 'setTimeout', message: 'packages/engine has no timers.' }, { name: 'setInterval', message: 'packages/engine has no timers.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'packages/engine has no clock: take `now` as an argument.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'packages/engine has no clock: take `now` as an argument.' }],
    },
  },
  {
    files: ['**/config.ts', '**/*.test.ts', 'tests/**', 'bench/**', 'vitest.config.ts', 'packages/db/drizzle.config.ts', 'packages/sandbox/src/cli.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
