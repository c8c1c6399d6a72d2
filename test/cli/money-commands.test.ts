import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { openStore } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { orderDoc } from '../support/orders.js';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'affnet-money-cli-'));
  env = {
    DATA_DIR: dir,
    PAYOUT_DEBTOR_NAME: 'affnet B.V.',
    PAYOUT_DEBTOR_IBAN: 'NL02ABNA0123456789',
  };
  const store = openStore({ kind: 'sqlite', file: join(dir, 'affnet.db'), synchronous: 'FULL' });
  await migrateToLatest(store);
  const seeded = await seedNetwork(store);
  await store.db
    .updateTable('publishers')
    .set({ iban: 'NL91ABNA0417164300', minimum_payout_minor: 500 })
    .execute();
  await reportOrder(store, seeded, orderDoc({ orderNumber: 'CLI-1' }));
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = cliRunner(() => env);

it('runs the month end from the command line: invoice, pay, statements, payout file', async () => {
  const created = await run('invoices', 'create', '--period', '2026-10');
  expect(created.out).toMatch(
    /^issued inv_\w+ 2026-10 prg_\w+: commission 6\.39 \+ fee 1\.92 \(0\.30\) = 8\.31 EUR, 1 commissions\n/,
  );
  const invoiceId = /issued (inv_\w+)/.exec(created.out)![1]!;
  expect((await run('invoices', 'pay', invoiceId)).out).toContain('marked paid');
  expect((await run('invoices', 'pay', invoiceId)).out).toContain('already paid; nothing changed');

  const statements = await run('statements', 'create', '--period', '2026-10');
  expect(statements.out).toContain('1 statement(s) for 2026-10: 1 payable (EUR 6.39)');
  const listed = JSON.parse((await run('statements', 'list', '--json')).out) as { id: string }[];
  const csv = await run('statements', 'export', listed[0]!.id, '--format', 'csv');
  expect(csv.out).toContain(',CLI-1,2026-10-05,');
  const pdfFile = join(dir, 'statement.pdf');
  await run('statements', 'export', listed[0]!.id, '--format', 'pdf', '--out', pdfFile);
  expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe('%PDF-');

  // The bank pays tomorrow: a day gone by is refused (the CLI runs on the real clock).
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  expect((await run('payouts', 'create', '--execution-date', yesterday)).err).toContain(
    `execution date ${yesterday} is in the past`,
  );
  const payoutRun = await run('payouts', 'create', '--execution-date', tomorrow);
  expect(payoutRun.out).toMatch(/^payout run por_\w+: 1 payment\(s\), EUR 6\.39/);
  const runId = /payout run (por_\w+)/.exec(payoutRun.out)![1]!;
  const sepaFile = join(dir, 'run.xml');
  const csvFile = join(dir, 'run.csv');
  // Created, not exported: the list says so, and it cannot be marked paid before its file exists.
  expect((await run('payouts', 'list')).out).toMatch(new RegExp(`${runId}.*created`));
  expect((await run('payouts', 'pay', runId)).err).toContain('has not been exported');
  expect(
    (await run('payouts', 'export', runId, '--sepa', sepaFile, '--debtor-bic', 'ABNAXX2A')).err,
  ).toContain('--debtor-bic: characters 5-6 must be a country code; "XX" is none');
  await run('payouts', 'export', runId, '--sepa', sepaFile, '--csv', csvFile);
  expect((await run('payouts', 'list')).out).toMatch(new RegExp(`${runId}.*exported`));
  expect(await readFile(sepaFile, 'utf8')).toContain('<NbOfTxs>1</NbOfTxs>');
  // The remittance names the statement's number: it is the (self-billing) invoice paid.
  expect(await readFile(sepaFile, 'utf8')).toContain(
    '<Ustrd>affnet statement 2026-000001 (2026-10)</Ustrd>',
  );
  expect(await readFile(csvFile, 'utf8')).toContain('NL91ABNA0417164300,6.39,EUR');
  expect((await run('payouts', 'pay', runId)).out).toContain('1 commission(s) moved to paid');
  expect((await run('payouts', 'pay', runId)).out).toContain('already paid; nothing changed');
  const again = await run('payouts', 'create', '--execution-date', tomorrow);
  expect(again).toMatchObject({ code: 2 });
  expect(again.err).toContain(
    'no statement is waiting for a payout: 1 statement(s) of 2026-10 are paid or in a payout run already',
  );
  expect((await run('payouts', 'minimum')).out).toBe('minimum payout EUR 50.00\n');
  expect((await run('payouts', 'minimum', '60')).out).toContain('minimum payout EUR 60.00;');
  expect((await run('payouts', 'minimum', 'lots')).err).toContain(
    'minimumPayout: expected an amount in EUR such as "50.00"',
  );
  expect((await run('ledger', 'verify')).code).toBe(0);
});

it('shows and changes the network invoicing details every statement carries', async () => {
  expect((await run('statements', 'invoicing')).out).toBe(
    'Test Network B.V.\nDamrak 1\n1012 LG Amsterdam\nNL\nVAT NL000099998B57\nKvK 87654321\n',
  );
  // One field changed, the others kept.
  const moved = await run('statements', 'invoicing', '--street', 'Herengracht 500', '--json');
  expect(JSON.parse(moved.out)).toMatchObject({
    street: 'Herengracht 500',
    legalName: 'Test Network B.V.',
  });
  const refused = await run('statements', 'invoicing', '--postal-code', '1012');
  expect(refused.code).not.toBe(0);
  expect(refused.err).toContain('postal code: not a NL postal code (e.g. 1012 AB), got "1012"');
  expect((await run('statements', 'invoicing')).out).toContain('Herengracht 500');
});

it('explains mistakes', async () => {
  expect((await run('invoices', 'create', '--period', '2026-13')).err).toContain(
    'period must be a month written YYYY-MM, got "2026-13"',
  );
  expect((await run('payouts', 'create')).err).toContain('missing --execution-date');
  // Invoices take the server's payment terms from the same variables, checked alike.
  const days = cliRunner(() => ({ ...env, INVOICE_PAYMENT_DAYS: 'soon' }));
  expect((await days('invoices', 'create', '--period', '2026-10')).err).toContain(
    'INVOICE_PAYMENT_DAYS: expected a whole number from 0 to 365, got "soon"',
  );
  const iban = cliRunner(() => ({
    ...env,
    PAYOUT_DEBTOR_NAME: 'Net',
    PAYOUT_DEBTOR_IBAN: 'NL91ABNA0417164301',
  }));
  expect((await iban('invoices', 'create', '--period', '2026-10')).err).toContain(
    'PAYOUT_DEBTOR_IBAN:',
  );
  expect((await run('statements', 'export', 'stm_x', '--format', 'doc')).err).toContain(
    '--format must be csv or pdf',
  );
});
