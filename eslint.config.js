import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Money is exact. */
const noFloats = {
  selector: "CallExpression[callee.name='parseFloat']",
  message: 'Money is exact: use src/domain/money helpers, never floats.',
};

/** Only src/storage queries the database: services call repositories (docs/architecture.md). */
const onlyStorageQueries = [
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
    message: 'Only src/storage queries the database: put the query in a repository method.',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql'], MemberExpression[object.name='sql']",
    message: 'Raw SQL lives in src/storage: put the query in a repository method.',
  },
];

/** Routes and pages read view objects (camelCase, built in services), never a table's column. */
const noColumnReads = {
  selector: 'MemberExpression[computed=false][property.name=/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/]',
  message: 'Routes and pages read the view object a service returns (camelCase), never a column.',
};

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
      'no-restricted-syntax': ['error', noFloats],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/storage/**'],
    rules: { 'no-restricted-syntax': ['error', noFloats, ...onlyStorageQueries] },
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
        noFloats,
        ...onlyStorageQueries,
      ],
    },
  },
  {
    files: ['src/http/**/*.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='store'][property.name='db']",
          message: 'Routes and pages call a service; queries live in repositories.',
        },
        noFloats,
        ...onlyStorageQueries,
        noColumnReads,
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
