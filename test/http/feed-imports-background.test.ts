import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { repos } from '../../src/storage/repositories/repos.js';

const HEADER = 'id,title,description,link,image_link,price,availability';
const row = (id: string, price = '10.00', link = `https://www.kabelkoning.example/${id}`) =>
  `${id},Kabel ${id},Een kabel,${link},https://img.kabelkoning.example/${id}.jpg,${price} EUR,in_stock`;

/**
 * Issue 29: a feed upload larger than the network's threshold (lowered here to 1,000 bytes) is
 * answered 202 with a status URL, imported after the answer, and its status ends in the report
 * a 201 carries, or in why it failed; only the program's advertiser reads it.
 */
describeEachEngine('feed imports answered 202', (context) => {
  let t: TestNetwork;
  let programId: string;
  let apiKey: string;
  let rivalKey: string;
  let rivalProgramId: string;

  const upload = (body: string, key = apiKey, program = programId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${program}/feed-imports`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      payload: body,
    });
  const status = (url: string, key = apiKey) =>
    t.app.inject({ url, headers: { authorization: `Bearer ${key}` } });
  /** The status URL's answer once the import is no longer running. */
  const ended = async (url: string) => {
    for (let i = 0; i < 500; i++) {
      const answer = await status(url);
      expect(answer.statusCode, answer.body).toBe(200);
      if (answer.json().status !== 'running') return answer.json();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${url} still running`);
  };
  const products = () =>
    t.network.store.db
      .selectFrom('feed_products')
      .select(['product_id', 'status', 'price_minor'])
      .where('program_id', '=', programId)
      .orderBy('product_id')
      .execute();
  const imports = () =>
    t.network.store.db
      .selectFrom('feed_imports')
      .select(['id', 'state'])
      .where('program_id', '=', programId)
      .orderBy('id')
      .execute();
  const spooled = async () =>
    (await readdir(tmpdir())).filter((name) => name.startsWith('affnet-feed-')).length;
  /** Whether the received files are deleted again (their import's end runs after its status). */
  const spoolDeleted = async (before: number) => {
    for (let i = 0; i < 100 && (await spooled()) > before; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return (await spooled()) <= before;
  };

  beforeAll(async () => {
    t = await startTestNetwork(context().store, undefined, { feedImportBackgroundBytes: 1000 });
    const shop = t.demo.programs.find((p) => p.slug === 'kabelkoning')!;
    const rival = t.demo.programs.find((p) => p.slug !== 'kabelkoning')!;
    programId = shop.programId;
    apiKey = shop.advertiserApiKey;
    rivalProgramId = rival.programId;
    rivalKey = rival.advertiserApiKey;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers a large upload 202 and its status URL ends in the report a 201 carries', async () => {
    const spooledBefore = await spooled();
    const small = await upload(`${HEADER}\n${row('OLD-1')}\n`);
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json()).toMatchObject({ status: 'done', accepted: 1, gone: 0 });

    t.clock.now += 1000;
    const lines = [HEADER];
    for (let n = 1; n <= 30; n++) lines.push(row(`KK-${n}`));
    lines.push(row('KK-31', '5.00', 'https://evil.example/x')); // row 31: off the domains
    lines.push(row('KK-2', '99.00')); // row 32: listed twice
    const body = `${lines.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(1000);
    const answer = await upload(body);
    expect(answer.statusCode, answer.body).toBe(202);
    const running = answer.json();
    expect(running).toEqual({
      status: 'running',
      importId: expect.stringMatching(/^\S+$/),
      statusUrl: `/api/v1/programs/${programId}/feed-imports/${running.importId}`,
    });
    const report = await ended(running.statusUrl);
    expect(report).toEqual({
      status: 'done',
      importId: running.importId,
      accepted: 30,
      refusedCount: 2,
      refused: [
        {
          row: 31,
          line: 32,
          productId: 'KK-31',
          code: 'link_off_domains',
          values: { domains: 'kabelkoning.example' },
          reason: expect.stringMatching(/^link: must be an http\(s\) address on/),
        },
        {
          row: 32,
          line: 33,
          productId: 'KK-2',
          code: 'listed_twice',
          values: { id: 'KK-2' },
          reason: 'id: "KK-2" is listed twice; the first row counts',
        },
      ],
      gone: 1,
    });
    const stored = await products();
    expect(stored.filter((p) => p.status === 'active')).toHaveLength(30);
    expect(stored.find((p) => p.product_id === 'KK-2')?.price_minor).toBe(1000);
    expect(stored.find((p) => p.product_id === 'OLD-1')?.status).toBe('gone');
    expect(await t.network.feeds.lastImport(await advertiserOf(), programId)).toMatchObject({
      importId: running.importId,
      accepted: 30,
    });
    expect(await spoolDeleted(spooledBefore)).toBe(true);
  });

  it('says failed, with the reason, when the file turns out unreadable, and changes nothing', async () => {
    const before = await products();
    const last = await t.network.feeds.lastImport(await advertiserOf(), programId);
    const answer = await upload(`${'x'.repeat(1200)}\n${row('KK-99')}\n`);
    expect(answer.statusCode, answer.body).toBe(202);
    const end = await ended(answer.json().statusUrl);
    expect(end).toEqual({
      status: 'failed',
      importId: answer.json().importId,
      code: 'feed_unreadable',
      reason: expect.stringMatching(/^the first line must name the columns/),
    });
    expect(await products()).toEqual(before);
    expect(await t.network.feeds.lastImport(await advertiserOf(), programId)).toEqual(last);
  });

  it('says failed when a running import’s heartbeat stopped (its server ended in the middle)', async () => {
    const r = repos(t.network.store);
    await r.feeds.recordImport({
      id: 'fim_stalled',
      program_id: programId,
      format: 'csv',
      accepted: 500,
      refused: 0,
      gone: 0,
      refused_rows: '[]',
      actor: 'test',
      created_at: t.clock.now - 20 * 60_000,
      state: 'running',
      updated_at: t.clock.now - 9 * 60_000,
    });
    const url = `/api/v1/programs/${programId}/feed-imports/fim_stalled`;
    expect((await status(url)).json()).toEqual({
      status: 'running',
      importId: 'fim_stalled',
      statusUrl: url,
      accepted: 500,
      refusedCount: 0,
    });
    t.clock.now += 2 * 60_000;
    expect((await status(url)).json()).toMatchObject({
      status: 'failed',
      code: 'feed_import_interrupted',
    });
  });

  it('refuses a rival advertiser the status and the upload (404), storing nothing', async () => {
    const spooledBefore = await spooled();
    const lines = [HEADER];
    for (let n = 1; n <= 20; n++) lines.push(row(`R-${n}`));
    const answer = await upload(`${lines.join('\n')}\n`);
    expect(answer.statusCode).toBe(202);
    const { statusUrl, importId } = answer.json();
    await ended(statusUrl);
    const before = { products: await products(), imports: await imports() };

    const asRival = await status(statusUrl, rivalKey);
    expect(asRival.statusCode).toBe(404);
    expect(asRival.json().code).toBe('unknown_program');
    const viaOwnProgram = await status(
      `/api/v1/programs/${rivalProgramId}/feed-imports/${importId}`,
      rivalKey,
    );
    expect(viaOwnProgram.statusCode).toBe(404);
    expect(viaOwnProgram.json().code).toBe('unknown_feed_import');
    const rivalUpload = await upload(`${lines.join('\n')}\n`, rivalKey);
    expect(rivalUpload.statusCode).toBe(404);
    const unknown = await status(`/api/v1/programs/${programId}/feed-imports/fim_nothing`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_feed_import');
    expect({ products: await products(), imports: await imports() }).toEqual(before);
    expect(await spoolDeleted(spooledBefore)).toBe(true);
  });

  async function advertiserOf(): Promise<string> {
    const program = t.network.cache.program(programId)!;
    return program.advertiserId;
  }
});
