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
    files: ['**/config.ts', '**/*.test.ts', 'tests/**', 'bench/**', 'vitest.config.ts', 'packages/db/drizzle.config.ts', 'packages/sandbox/src/cli.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
