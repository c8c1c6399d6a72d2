import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src/config/server-config.js';

const SECRET = 'x'.repeat(32);

describe('server configuration', () => {
  it.each<[string, NodeJS.ProcessEnv, Record<string, string>, string]>([
    [
      'a port that is not a number',
      { PORT: 'eighty', SECRET },
      {},
      'PORT: expected a whole number from 0 to 65535, got "eighty"',
    ],
    [
      'a port out of range',
      { PORT: '70000', SECRET },
      {},
      'PORT: expected a whole number from 0 to 65535, got "70000"',
    ],
    [
      'a bad --port flag',
      { SECRET },
      { port: '-1' },
      '--port: expected a whole number from 0 to 65535, got "-1"',
    ],
    [
      'zero workers',
      { SECRET },
      { workers: '0' },
      '--workers: expected a whole number from 1 to 64, got "0"',
    ],
    ['a short secret', { SECRET: 'short' }, {}, 'SECRET: expected at least 32 characters'],
    [
      'a bad TRUST_PROXY',
      { SECRET, TRUST_PROXY: 'yes' },
      {},
      'TRUST_PROXY: expected true or false, got "yes"',
    ],
    ['a bad LOG_LEVEL', { SECRET, LOG_LEVEL: 'loud' }, {}, 'LOG_LEVEL: expected one of'],
    [
      'a bad DATABASE_URL',
      { SECRET, DATABASE_URL: 'mysql://x' },
      {},
      'DATABASE_URL: expected a PostgreSQL URL',
    ],
  ])('names the variable of %s', (_, env, flags, message) => {
    expect(() => parseServerConfig(env, flags)).toThrow(message);
  });

  it('refuses several processes on one SQLite file, saying why and what to use instead', () => {
    for (const [env, flags, variable] of [
      [{ SECRET, DATA_DIR: '/tmp/affnet-x' }, { workers: '2' }, '--workers'],
      [{ SECRET, DATA_DIR: '/tmp/affnet-x', WORKERS: '4' }, {}, 'WORKERS'],
    ] as const) {
      expect(() => parseServerConfig(env, flags)).toThrow(
        new RegExp(
          `^${variable}: \\d processes on one SQLite file take turns on its one write lock .*p99 over 1 s.*run one process.*DATABASE_URL=postgres://`,
        ),
      );
    }
    expect(parseServerConfig({ SECRET, DATA_DIR: '/tmp/affnet-x' }, { workers: '1' }).workers).toBe(
      1,
    );
    expect(
      parseServerConfig({ SECRET, DATABASE_URL: 'postgres://localhost/affnet' }, { workers: '2' })
        .workers,
    ).toBe(2);
  });

  it('uses the documented defaults and flags over the environment', () => {
    const config = parseServerConfig(
      { SECRET, PORT: '9000', DATA_DIR: '/tmp/affnet-x' },
      { port: '9100' },
    );
    expect(config).toMatchObject({
      port: 9100,
      host: '0.0.0.0',
      workers: 1,
      trustProxy: false,
      maxBatch: 5000,
      storage: { kind: 'sqlite', file: '/tmp/affnet-x/affnet.db', synchronous: 'FULL' },
    });
  });

  it('leaves the secret of a PostgreSQL network to its database when SECRET is unset', () => {
    expect(
      parseServerConfig({ DATABASE_URL: 'postgres://localhost/affnet' }).secret,
    ).toBeUndefined();
  });

  it('keeps a generated secret for a SQLite network across starts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'affnet-secret-'));
    const first = parseServerConfig({ DATA_DIR: dir }).secret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(parseServerConfig({ DATA_DIR: dir }).secret).toBe(first);
    expect((await readFile(join(dir, 'secret'), 'utf8')).trim()).toBe(first);
  });
});
