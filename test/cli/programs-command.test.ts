import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'affnet-programs-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr }, { DATA_DIR: dir });
  return { code, out, err };
}

it('sets, generates and removes a program’s pixel checksum secret', async () => {
  expect((await run('demo')).code).toBe(0);
  const generated = await run('programs', 'checksum', 'aliexpress', '--generate', '--json');
  expect(generated.code).toBe(0);
  expect(JSON.parse(generated.out)).toMatchObject({
    slug: 'aliexpress',
    secret: expect.stringMatching(/^[\w-]{24}$/),
  });
  const set = await run('programs', 'checksum', 'aliexpress', '--secret', 'my-own-secret');
  expect(set.out).toContain('secret (shown once): my-own-secret');
  expect((await run('programs', 'checksum', 'aliexpress', '--off')).out).toContain(
    'need no checksum',
  );
  const wrong = await run('programs', 'checksum', 'aliexpress');
  expect(wrong.code).not.toBe(0);
  expect(wrong.err).toContain('--generate, --secret SECRET or --off');
  const unknown = await run('programs', 'checksum', 'nope', '--off');
  expect(unknown.err).toContain('no program "nope"');
});
