import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { packageRoot } from '../../src/package-root.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'affnet-programs-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = cliRunner(() => ({ DATA_DIR: dir }));

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

it('applies terms files kept in version control: create, unchanged, a new version, refused with the line', async () => {
  const source = await readFile(join(packageRoot(), 'programs', 'aliexpress.yaml'), 'utf8');
  const own = join(dir, 'shop');
  await mkdir(own, { recursive: true });
  // A second program from the same terms, as an operator keeps it: another id and advertiser.
  const shop = source
    .replace(/^id: aliexpress$/m, 'id: shop')
    .replace(/^advertiser: .*$/m, 'advertiser: Shop B.V.');
  const path = join(own, 'shop.yaml');
  await writeFile(path, shop);
  const created = await run('programs', 'apply', path, '--json');
  expect(JSON.parse(created.out)).toMatchObject({ program: 'shop', created: true, changed: true });
  expect((await run('programs', 'apply', path)).out).toContain('nothing changed');
  // Changing the version in force since 2015 would re-price every order placed under it.
  await writeFile(path, shop.replace("rate: '0.07'", "rate: '0.075'"));
  const backdated = await run('programs', 'apply', path);
  expect(backdated.code).not.toBe(0);
  expect(backdated.err).toContain('version "2015-09" is changed and would take effect 2015-09-01');
  // A new version from a date still to come is published.
  await writeFile(
    path,
    `${shop.trimEnd()}\n  - <<: *v2015-09\n    id: '2999-01'\n    effectiveFrom: '2999-01-01'\n`,
  );
  expect((await run('programs', 'apply', path)).out).toMatch(/shop: terms \w+ are current now/);
  const other = await run('programs', 'apply', path, '--advertiser', 'Someone Else');
  expect(other.err).toContain('belongs to another advertiser');
  await writeFile(path, shop.replace("rate: '0.07'", "rate: '7.5'"));
  const broken = await run('programs', 'apply', path);
  expect(broken.code).not.toBe(0);
  const line = shop.split('\n').findIndex((text) => text.includes("rate: '0.07'")) + 1;
  expect(broken.err).toContain(
    `line ${line}: versions[0].commission.groups[2].rate: expected a decimal between 0 and 1, got "7.5"`,
  );
});

it('invites an advertiser from the command line and prints the link', async () => {
  const invited = await run(
    'advertisers',
    'invite',
    'shop@example.nl',
    '--name',
    'Shop B.V.',
    '--json',
  );
  expect(invited.code).toBe(0);
  expect(JSON.parse(invited.out)).toMatchObject({
    email: 'shop@example.nl',
    link: expect.stringMatching(/\/password-reset\/[\w-]{43}\?invite=1&lang=en$/),
  });
  const missing = await run('advertisers', 'invite', 'x@example.nl');
  expect(missing.err).toContain('missing --name ADVERTISER');
});

it('shows and sets a program’s network fee (the network’s, audited)', async () => {
  expect((await run('demo')).code).toBe(0);
  expect((await run('programs', 'network-fee', 'aliexpress')).out).toBe(
    'aliexpress: network fee 0.30\n',
  );
  const set = await run('programs', 'network-fee', 'aliexpress', '0.27');
  expect(set.out).toBe('aliexpress: network fee 0.30 -> 0.27 (invoices issued from now on)\n');
  const json = await run('programs', 'network-fee', 'aliexpress', '--json');
  expect(JSON.parse(json.out)).toMatchObject({ slug: 'aliexpress', networkFeeRate: '0.27' });
  const wrong = await run('programs', 'network-fee', 'aliexpress', '2');
  expect(wrong.code).not.toBe(0);
  expect(wrong.err).toContain('expected a decimal from 0 to 1');
  expect((await run('programs', 'network-fee', 'aliexpress')).out).toContain('0.27');
});
