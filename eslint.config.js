import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money is exact: use src/domain/money helpers, never floats.',
        },
      ],
    },
  },
  {
    // One clock: time comes from the injected Clock (src/server/clock.ts), so tests move it.
    files: ['src/**/*.ts'],
    ignores: ['src/server/clock.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Take the time from the injected clock (network.now, a Clock parameter).',
        },
      ],
    },
  },
  {
    // Adapters are thin: routes and pages call services; only repositories touch the database.
    files: ['src/http/**/*.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage/**', 'kysely', 'better-sqlite3', 'pg'],
              message: 'Routes and pages call a service; queries live in repositories.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='store'][property.name='db']",
          message: 'Routes and pages call a service; queries live in repositories.',
        },
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money is exact: use src/domain/money helpers, never floats.',
        },
      ],
    },
  },
  {
    // Scripts the portal serves to browsers.
    files: ['assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
        window: 'readonly',
        Image: 'readonly',
      },
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'kysely', 'better-sqlite3', 'pg', 'fastify', 'pino'],
              message: 'The domain core is pure: no I/O, database or logger imports (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
);
