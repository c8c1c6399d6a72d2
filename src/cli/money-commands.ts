import { PayoutSettingsService } from '../services/payout-settings-service.js';
import { checkBic } from '../domain/payments/bic.js';
import { systemClock } from '../server/clock.js';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Store } from '../storage/database.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { previousPeriod } from '../domain/payments/periods.js';
import { StoredTerms } from '../programs/stored-terms.js';
import { InvoiceService, type InvoiceOptions } from '../services/invoice-service.js';
import { checkIban } from '../domain/payments/iban.js';
import { DEFAULT_PAYMENT_DAYS } from '../domain/payments/invoice-vat.js';
import { StatementService } from '../services/statement-service.js';
import { PayoutService } from '../services/payout-service.js';
import { ValidationService } from '../services/validation-service.js';
import { statementCsv, statementPdf } from '../documents/statement-documents.js';
import { toCsv } from '../documents/csv.js';
import { InvoicingDetailsService } from '../services/invoicing-details-service.js';
import { addressLines } from '../domain/payments/invoicing-details.js';
import { openMigratedStore } from './open-store.js';
import { Progress } from './progress.js';
import { UsageError, type CliIo } from './cli-io.js';

export const INVOICES_USAGE = `usage: affnet invoices <action> [options]

  create [--period YYYY-MM] [--json]   bill each program's approved commission of the month plus
                                       the network fee (default: last month); safe to rerun
  list [--json]                        every invoice, newest first
  show INVOICE_ID [--csv]              the commissions an invoice bills
  pay INVOICE_ID                       record the advertiser's payment: its commissions become
                                       payable to publishers (no prepayment, AE-T5)
`;

export const STATEMENTS_USAGE = `usage: affnet statements <action> [options]

  create [--period YYYY-MM] [--json]   make each publisher's statement of an ended month
                                       (default: last month); safe to rerun
  list [--publisher PUB_ID] [--period YYYY-MM] [--json]
  export STATEMENT_ID --format csv|pdf [--out FILE]
                                       the statement with every commission and deduction
  invoicing [--legal-name NAME --street STREET --postal-code CODE --city CITY --country CC
             --vat-number VAT [--coc-number KVK]] [--json]
                                       show, or set, the network's invoicing details: every
                                       statement is a self-billing invoice that carries them
`;

export const PAYOUTS_USAGE = `usage: affnet payouts <action> [options]

  create --execution-date YYYY-MM-DD [--json]
                                       put every payable statement not yet paid into a run;
                                       statements with a bad IBAN or name are listed and wait
  export RUN_ID --sepa FILE [--csv FILE] [--debtor-name NAME] [--debtor-iban IBAN] [--debtor-bic BIC]
                                       write the SEPA credit transfer (pain.001.001.03) and CSV;
                                       the debtor defaults to PAYOUT_DEBTOR_NAME / _IBAN / _BIC
  pay RUN_ID                           record that the bank paid the run (idempotent)
  list [--json]                        runs with their status: created, exported, paid
  minimum [AMOUNT]                     show, or set (EUR, e.g. 50.00), the network's minimum
                                       payout; publishers still on the previous one move too
`;

export const VALIDATE_USAGE = `usage: affnet validate deadlines [--json]

Applies each program's validation deadline rule (terms: validation.atDeadline) to pending
transactions whose deadline has passed, then lists those still pending past their deadline.
`;

type Options = Record<string, { type: 'string' } | { type: 'boolean' }>;

function parse<const T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const eur = (minor: number) => formatMinorUnits(minor, 2);

function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

async function withStore<T>(env: NodeJS.ProcessEnv, work: (store: Store) => Promise<T>) {
  const { store } = await openMigratedStore(env);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function actionOf(args: string[], actions: readonly string[]): [string, string[]] {
  const [action, ...rest] = args;
  if (action === undefined || !actions.includes(action))
    throw new UsageError(
      action === undefined
        ? `missing action: one of ${actions.join(', ')}`
        : `unknown action "${action}"`,
    );
  return [action, rest];
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`);
  if (positionals.length > 1)
    throw new UsageError(`unexpected arguments: ${positionals.slice(1).join(' ')}`);
  return positionals[0]!;
}

/**
 * What the server's invoices carry from its environment: the account to pay into
 * (PAYOUT_DEBTOR_NAME, _IBAN, _BIC) and the days to pay (INVOICE_PAYMENT_DAYS), checked alike.
 */
function invoiceOptions(env: NodeJS.ProcessEnv): InvoiceOptions {
  const name = env.PAYOUT_DEBTOR_NAME?.trim();
  const iban = env.PAYOUT_DEBTOR_IBAN?.trim();
  const bic = env.PAYOUT_DEBTOR_BIC?.trim() || undefined;
  const ibanCheck = iban ? checkIban(iban) : undefined;
  if (ibanCheck !== undefined && !ibanCheck.valid)
    throw new UsageError(`PAYOUT_DEBTOR_IBAN: ${ibanCheck.reason}`);
  const daysText = env.INVOICE_PAYMENT_DAYS?.trim();
  const days = daysText ? Number(daysText) : DEFAULT_PAYMENT_DAYS;
  if (!/^\d+$/.test(daysText ?? '0') || days > 365)
    throw new UsageError(
      `INVOICE_PAYMENT_DAYS: expected a whole number from 0 to 365, got "${daysText}"`,
    );
  const payee = name && iban ? { name, iban, bic } : undefined;
  return { payee: () => payee, paymentDays: days };
}

export async function runInvoicesCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, rest] = actionOf(args, ['create', 'list', 'show', 'pay']);
  const { values, positionals } = parse(rest, {
    period: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  });
  return withStore(env, async (store) => {
    const invoices = new InvoiceService(store, new StoredTerms(store.db), invoiceOptions(env));
    const now = systemClock();
    if (action === 'create') {
      const period = values.period ?? previousPeriod(now).text;
      const result = await invoices.createInvoices(period, now, 'cli');
      if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        for (const invoice of result.created) {
          const split = await invoices.summary(invoice);
          const credit =
            split.creditedMinor === 0
              ? ''
              : `, of which credited ${eur(split.creditedMinor)} + fee ${eur(split.creditedFeeMinor)}`;
          io.stdout.write(
            `issued ${invoice.id} ${invoice.period} ${invoice.program_id}: commission ${eur(invoice.commission_minor)} + fee ${eur(invoice.fee_minor)} (${invoice.fee_rate}) = ${eur(invoice.total_minor)} ${invoice.currency}, ${invoice.commissions} commissions${credit}\n`,
          );
        }
        io.stdout.write(
          `${result.created.length} invoice(s) issued for ${period}, ${result.existing.length} already existed (made earlier or by a run at the same time)\n`,
        );
      }
      return 0;
    }
    if (action === 'list') {
      const list = await invoices.list();
      if (values.json) io.stdout.write(`${JSON.stringify(list)}\n`);
      else
        for (const invoice of list)
          io.stdout.write(
            `${invoice.id} ${invoice.period} ${invoice.programId} ${eur(invoice.totalMinor)} ${invoice.currency} ${invoice.status}\n`,
          );
      return 0;
    }
    const id = onePositional(positionals, 'INVOICE_ID');
    if (action === 'pay') {
      const { invoice, changed } = await invoices.markPaid(id, now, 'cli');
      io.stdout.write(
        changed
          ? `invoice ${invoice.id} marked paid: its commissions are payable on the next statements\n`
          : `invoice ${invoice.id} was already paid; nothing changed\n`,
      );
      return 0;
    }
    const lines = await invoices.lines(id);
    if (values.csv)
      io.stdout.write(
        toCsv(
          [
            'commission_id',
            'order_number',
            'publisher_id',
            'kind',
            'rule',
            'amount',
            'credit_reason',
          ],
          lines.map((line) => [
            line.commission_id,
            line.order_number,
            line.publisher_id,
            line.kind,
            line.rule,
            eur(line.amount_minor),
            line.reason,
          ]),
        ),
      );
    else io.stdout.write(`${JSON.stringify(lines)}\n`);
    return 0;
  });
}

export async function runStatementsCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, rest] = actionOf(args, ['create', 'list', 'export', 'invoicing']);
  const { values, positionals } = parse(rest, {
    period: { type: 'string' },
    publisher: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    'legal-name': { type: 'string' },
    street: { type: 'string' },
    'postal-code': { type: 'string' },
    city: { type: 'string' },
    country: { type: 'string' },
    'vat-number': { type: 'string' },
    'coc-number': { type: 'string' },
  });
  return withStore(env, async (store) => {
    const statements = new StatementService(store);
    const now = systemClock();
    if (action === 'invoicing') {
      const invoicing = new InvoicingDetailsService(store);
      const given = [
        'legal-name',
        'street',
        'postal-code',
        'city',
        'country',
        'vat-number',
        'coc-number',
      ].some((name) => values[name as keyof typeof values] !== undefined);
      // Options given replace those fields; the others keep what is set.
      const current = await invoicing.network();
      const details = given
        ? await invoicing.setNetwork(
            {
              ...current,
              ...definedOnly({
                legalName: values['legal-name'],
                street: values.street,
                postalCode: values['postal-code'],
                city: values.city,
                country: values.country,
                vatNumber: values['vat-number'],
                cocNumber: values['coc-number'],
              }),
            },
            'cli',
            now,
          )
        : current;
      if (details === undefined) {
        io.stderr.write(
          'affnet statements: the network has no invoicing details yet; set them with --legal-name, --street, --postal-code, --city, --country and --vat-number\n',
        );
        return 1;
      }
      if (values.json) io.stdout.write(`${JSON.stringify(details)}\n`);
      else io.stdout.write(`${addressLines(details).join('\n')}\n`);
      return 0;
    }
    if (action === 'create') {
      const period = values.period ?? previousPeriod(now).text;
      const progress = new Progress(io.stderr, 'publishers');
      const run = await statements.createStatements(period, now, (n) => progress.update(n), 'cli');
      progress.done();
      if (values.json) io.stdout.write(`${JSON.stringify(run)}\n`);
      else {
        const payable = run.created.filter((s) => s.status === 'payable');
        io.stdout.write(
          `${run.created.length} statement(s) for ${period}: ${payable.length} payable (EUR ${eur(payable.reduce((t, s) => t + s.payout_minor, 0))}), ${run.created.length - payable.length} carried over; ${run.existing} already existed (made earlier or by a run at the same time)${run.skippedNewer > 0 ? `, ${run.skippedNewer} skipped (a newer statement exists)` : ''}\n`,
        );
      }
      return 0;
    }
    if (action === 'list') {
      const list = await statements.list({
        ...(values.publisher ? { publisherId: values.publisher } : {}),
        ...(values.period ? { period: values.period } : {}),
      });
      if (values.json) io.stdout.write(`${JSON.stringify(list)}\n`);
      else
        for (const s of list)
          io.stdout.write(
            `${s.id} ${s.period} ${s.publisherId} payable ${eur(s.payableMinor)} pending ${eur(s.pendingMinor)} withheld ${eur(s.withheldMinor)} deducted ${eur(s.deductedMinor)} vat ${eur(s.vatMinor)} payout ${eur(s.payoutMinor)} ${s.status}\n`,
          );
      return 0;
    }
    const id = onePositional(positionals, 'STATEMENT_ID');
    if (values.format !== 'csv' && values.format !== 'pdf')
      throw new UsageError('--format must be csv or pdf');
    if (values.format === 'pdf' && values.out === undefined)
      throw new UsageError('a PDF needs --out FILE');
    const document = await statements.document(id);
    if (document === undefined) {
      io.stderr.write(`affnet statements: no statement "${id}"\n`);
      return 2;
    }
    const content = values.format === 'csv' ? statementCsv(document) : await statementPdf(document);
    if (values.out === undefined) io.stdout.write(content);
    else {
      await writeFile(values.out, content);
      io.stdout.write(`wrote ${values.out}\n`);
    }
    return 0;
  });
}

export async function runPayoutsCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, rest] = actionOf(args, ['create', 'export', 'pay', 'list', 'minimum']);
  const { values, positionals } = parse(rest, {
    'execution-date': { type: 'string' },
    json: { type: 'boolean' },
    sepa: { type: 'string' },
    csv: { type: 'string' },
    'debtor-name': { type: 'string' },
    'debtor-iban': { type: 'string' },
    'debtor-bic': { type: 'string' },
  });
  return withStore(env, async (store) => {
    const payouts = new PayoutService(store);
    const now = systemClock();
    if (action === 'create') {
      const executionDate = values['execution-date'];
      if (executionDate === undefined)
        throw new UsageError('missing --execution-date YYYY-MM-DD: the day the bank should pay');
      const result = await payouts.createRun({ actor: 'cli', nowMs: now, executionDate });
      if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        io.stdout.write(
          `payout run ${result.run.id}: ${result.run.payments} payment(s), EUR ${eur(result.run.totalMinor)}, execution ${executionDate}\n`,
        );
        for (const skip of result.skipped)
          io.stdout.write(`  waiting: ${skip.statementId} (${skip.publisherId}): ${skip.reason}\n`);
        io.stdout.write(`next: affnet payouts export ${result.run.id} --sepa FILE --csv FILE\n`);
      }
      return 0;
    }
    if (action === 'minimum') {
      const settings = new PayoutSettingsService(store);
      const amount = positionals[0];
      if (amount === undefined) {
        io.stdout.write(`minimum payout EUR ${eur(await settings.networkMinimum())}\n`);
        return 0;
      }
      const result = await settings.setNetworkMinimum(amount, 'cli', now);
      io.stdout.write(
        `minimum payout EUR ${eur(result.minimumMinor)}; ${result.publishersMoved} publisher(s) on the previous minimum moved with it\n`,
      );
      return 0;
    }
    if (action === 'list') {
      const runs = await payouts.listRuns();
      if (values.json) io.stdout.write(`${JSON.stringify(runs)}\n`);
      else
        for (const run of runs)
          io.stdout.write(
            `${run.id} ${run.executionDate} ${run.payments} payment(s) EUR ${eur(run.totalMinor)} ${run.status}\n`,
          );
      return 0;
    }
    const runId = onePositional(positionals, 'RUN_ID');
    if (action === 'pay') {
      const result = await payouts.markPaid(runId, 'cli', now);
      io.stdout.write(
        result.changed
          ? `payout run ${runId} marked paid: ${result.commissions} commission(s) moved to paid\n`
          : `payout run ${runId} was already paid; nothing changed\n`,
      );
      return 0;
    }
    if (values.sepa === undefined) throw new UsageError('missing --sepa FILE');
    const name = values['debtor-name'] ?? env.PAYOUT_DEBTOR_NAME;
    const iban = values['debtor-iban'] ?? env.PAYOUT_DEBTOR_IBAN;
    if (!name || !iban)
      throw new UsageError(
        'the paying account is needed: --debtor-name and --debtor-iban, or PAYOUT_DEBTOR_NAME and PAYOUT_DEBTOR_IBAN',
      );
    const bicText = values['debtor-bic'] ?? env.PAYOUT_DEBTOR_BIC;
    const bicCheck = bicText ? checkBic(bicText) : undefined;
    if (bicCheck !== undefined && !bicCheck.valid)
      throw new UsageError(`--debtor-bic: ${bicCheck.reason}`);
    const bic = bicCheck?.valid ? bicCheck.bic : undefined;
    await writeFile(values.sepa, await payouts.sepaFile(runId, { name, iban, bic }, now, 'cli'));
    io.stdout.write(`wrote ${values.sepa}\n`);
    if (values.csv !== undefined) {
      await writeFile(values.csv, await payouts.csvFile(runId));
      io.stdout.write(`wrote ${values.csv}\n`);
    }
    return 0;
  });
}

export async function runValidateCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [, rest] = actionOf(args, ['deadlines']);
  const { values } = parse(rest, { json: { type: 'boolean' } });
  return withStore(env, async (store) => {
    const validation = new ValidationService(store, new StoredTerms(store.db));
    const now = systemClock();
    const decided = await validation.applyDeadlines(now);
    const overdue = await validation.overdue(now);
    if (values.json) io.stdout.write(`${JSON.stringify({ ...decided, overdue })}\n`);
    else {
      io.stdout.write(
        `deadline rules: ${decided.approved} approved, ${decided.declined} declined; ${overdue.length} still pending past their deadline\n`,
      );
      for (const row of overdue)
        io.stdout.write(
          `  ${row.program_id} ${row.order_number} due ${new Date(row.validation_due_at ?? 0).toISOString()}\n`,
        );
    }
    return 0;
  });
}
