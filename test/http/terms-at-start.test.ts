import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { sessionToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { loadPrograms } from '../../src/bootstrap/bootstrap.js';
import { BUNDLED_PROGRAMS_DIR } from '../../src/programs/load-program-terms.js';
import { repos } from '../../src/storage/repositories/repos.js';

const DAY_MS = 86_400_000;

/**
 * Issue 25 follow-up: a restart never undoes an advertiser's terms. The bundled programs (and
 * PROGRAMS_DIR) are loaded at every start; a file applies to an existing program only when it
 * changed since it was last applied and nobody changed the program's terms since.
 */
describeEachEngine('terms files loaded at start', (context) => {
  let t: TestNetwork;
  let dir: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    dir = await mkdtemp(join(tmpdir(), 'affnet-programs-'));
  });
  afterAll(async () => {
    await t.app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const program = (slug: string) => t.demo.programs.find((p) => p.slug === slug)!;
  const current = async (slug: string) =>
    (await repos(t.network.store).programs.currentSourceOf(program(slug).programId))!;
  const bundled = (slug: string) => readFile(join(BUNDLED_PROGRAMS_DIR, `${slug}.yaml`), 'utf8');
  const audits = () =>
    t.network.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'in', ['program.terms_changed', 'program.created'])
      .execute();
  /** A restart: the server loads the bundled programs, then PROGRAMS_DIR if given. */
  const restart = async (programsDir?: string) => {
    const lines: string[] = [];
    t.clock.now += DAY_MS;
    await loadPrograms(t.network.store, t.clock.now, undefined, undefined, (line) =>
      lines.push(line),
    );
    if (programsDir !== undefined)
      await loadPrograms(t.network.store, t.clock.now, programsDir, undefined, (line) =>
        lines.push(line),
      );
    return lines;
  };

  it('keeps the advertiser’s edit of a bundled program through restarts; applies a changed file to a program nobody edited', async () => {
    const webshop = program('kabelkoning');
    const token = await sessionToken(t, webshop.advertiser.email, webshop.advertiser.password);
    const edited = (await bundled('kabelkoning')).replace(
      'Kabelkoning is a Dutch electronics webshop',
      'Kabelkoning is the Dutch electronics webshop',
    );
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programs/${webshop.programId}/terms`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/yaml' },
      payload: edited,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ changed: true });
    const advertisersVersion = await current('kabelkoning');
    expect(advertisersVersion.source).toBe(edited);
    const before = await audits();

    // Restarts with the same bundled file: the advertiser's terms stay, nothing is written.
    const lines = await restart();
    expect(await current('kabelkoning')).toEqual(advertisersVersion);
    expect(lines).toEqual([]);
    await restart();
    expect(await current('kabelkoning')).toEqual(advertisersVersion);
    expect(await audits()).toEqual(before);

    // An operator's changed file of a program nobody edited applies (once); a changed file of
    // the edited program does not.
    const aliexpress = `${await bundled('aliexpress')}\n# reviewed by the operator\n`;
    await writeFile(join(dir, 'aliexpress.yaml'), aliexpress);
    await writeFile(join(dir, 'kabelkoning.yaml'), `${await bundled('kabelkoning')}\n# new\n`);
    const operator = await restart(dir);
    expect((await current('aliexpress')).source).toBe(aliexpress);
    expect(await current('kabelkoning')).toEqual(advertisersVersion);
    expect(operator).toEqual([
      expect.stringMatching(/^kabelkoning: .*kabelkoning\.yaml not applied: .*changed since/),
    ]);
    // The next restart applies nothing again: the bundled aliexpress file was applied before.
    const after = await audits();
    await restart(dir);
    expect((await current('aliexpress')).source).toBe(aliexpress);
    expect(await audits()).toEqual(after);
  });
});
