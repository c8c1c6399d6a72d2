import { ProgramTermsService } from '../services/program-terms-service.js';
import { readFile } from 'node:fs/promises';
import { dayNumberOfIsoDate, isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import { TermsSimulationService } from '../services/terms-simulation-service.js';
import { Progress } from './progress.js';
import { systemClock } from '../server/clock.js';
import { PixelChecksumService } from '../services/pixel-checksum-service.js';
import { openMigratedStore } from './open-store.js';
import { UsageError, type CliIo } from './cli-io.js';
import { networkFeeRateOf } from '../config/server-config.js';
import { NetworkFeeService } from '../services/network-fee-service.js';
import { repos } from '../storage/repositories/repos.js';

export const PROGRAMS_USAGE = `usage: affnet programs apply FILE [--advertiser NAME] [--json]
       affnet programs checksum SLUG (--generate | --secret SECRET | --off) [--json]
       affnet programs simulate SLUG --terms DRAFT.yaml [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
       affnet programs network-fee SLUG [RATE] [--json]

apply     loads a terms file kept in version control: creates the program (and its
          advertiser: --advertiser, or the file's advertiser) or makes the file its current
          terms, a new version beside the old ones. An identical file changes nothing; a file
          that breaks the schema is refused with the line of each problem.
simulate  re-prices the program's attributed orders placed in the period (default: the last
          30 days) under the draft's newest version, beside what they earn now, with the same
          engine and rates as real pricing: totals, per commission group and per publisher
          (program currency, exact). Nothing is stored.

network-fee  shows the program's network fee, or sets it to RATE ("0.30" is 30 % of the
          approved commission, billed on the advertiser's invoices issued from now on). The fee
          is the network's: terms files cannot set it. A change is in the audit log with its
          before and after. New programs start with NETWORK_FEE_RATE (default 0.30).

checksum  sets the program's pixel checksum secret (NET-R1, docs/tracking.md): with one, a
          pixel report must carry checksum=v04+md5(secret + orderNumber + orderValue), or
          the full checksum v05 (HMAC-SHA256 of every priced field); one without it is stored
          as refused and never paid, and only a v05 one is approved at a validation deadline
          (NET-R6). --off requires none again.
          The secret is printed once: give it to the developers of the advertiser's pixel.
`;

export async function runProgramsCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, slug, ...rest] = args;
  if (action === 'simulate') return simulate(slug, rest, io, env);
  if (action === 'apply') return apply(slug, rest, io, env);
  if (action === 'network-fee') return networkFee(slug, rest, io, env);
  if (action !== 'checksum')
    throw new UsageError(
      action === undefined
        ? 'missing action: apply, checksum, network-fee or simulate'
        : `unknown action "${action}"`,
    );
  requireSlug(slug);
  const json = rest.includes('--json');
  const options = rest.filter((arg) => arg !== '--json');
  let secret: string | 'generate' | null;
  if (options.length === 1 && options[0] === '--generate') secret = 'generate';
  else if (options.length === 1 && options[0] === '--off') secret = null;
  else if (options.length === 2 && options[0] === '--secret') secret = options[1]!;
  else throw new UsageError('say one of --generate, --secret SECRET or --off');
  const { store } = await openMigratedStore(env);
  try {
    const program = await repos(store).programs.findBySlug(slug);
    if (program === undefined) throw new UsageError(`no program "${slug}" (affnet demo makes one)`);
    const result = await new PixelChecksumService(store).set(
      program.id,
      secret,
      'cli',
      systemClock(),
    );
    if (json) io.stdout.write(`${JSON.stringify({ slug, ...result })}\n`);
    else
      io.stdout.write(
        result.secret === null
          ? `${slug}: pixel reports need no checksum any more\n`
          : `${slug}: pixel reports must carry checksum=v04+md5(secret + orderNumber + orderValue), or v05 (every priced field: docs/tracking.md) to be approved at a deadline\nsecret (shown once): ${result.secret}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

async function networkFee(
  slug: string | undefined,
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  requireSlug(slug);
  const rates = args.filter((arg) => arg !== '--json');
  if (rates.length > 1) throw new UsageError('give at most one RATE, e.g. 0.30');
  const { store } = await openMigratedStore(env);
  try {
    const program = await repos(store).programs.findBySlug(slug);
    if (program === undefined) throw new UsageError(`no program "${slug}" (affnet demo makes one)`);
    const fees = new NetworkFeeService(store);
    const result =
      rates[0] === undefined
        ? await fees.ofProgramOrThrow(program.id)
        : await fees.set(program.id, rates[0], 'cli', systemClock());
    if (args.includes('--json')) io.stdout.write(`${JSON.stringify(result)}\n`);
    else
      io.stdout.write(
        'previousRate' in result && result.previousRate !== result.networkFeeRate
          ? `${slug}: network fee ${result.previousRate} -> ${result.networkFeeRate} (invoices issued from now on)\n`
          : `${slug}: network fee ${result.networkFeeRate}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

function requireSlug(slug: string | undefined): asserts slug is string {
  if (slug === undefined || slug.startsWith('--'))
    throw new UsageError('missing SLUG: the program, e.g. aliexpress');
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

async function simulate(
  slug: string | undefined,
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  requireSlug(slug);
  const termsPath = optionValue(args, '--terms');
  if (termsPath === undefined) throw new UsageError('missing --terms DRAFT.yaml');
  const day = (name: string, fallback: number) => {
    const text = optionValue(args, name);
    if (text === undefined) return fallback;
    const parsed = dayNumberOfIsoDate(text);
    if (parsed === undefined) throw new UsageError(`${name}: expected YYYY-MM-DD, got "${text}"`);
    return parsed;
  };
  const today = utcDayNumber(systemClock());
  const to = day('--to', today);
  const from = day('--from', to - 29);
  if (from > to) throw new UsageError('--from must not be after --to');
  let source: string;
  try {
    source = await readFile(termsPath, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${termsPath}`);
  }
  const { store } = await openMigratedStore(env);
  try {
    const progress = args.includes('--json') ? undefined : new Progress(io.stderr, 'orders read');
    const result = await new TermsSimulationService(store).simulate(
      slug,
      { source, name: termsPath },
      { fromMs: from * 86_400_000, toMs: (to + 1) * 86_400_000 },
      (count) => progress?.update(count),
    );
    progress?.done();
    if (args.includes('--json')) {
      io.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    io.stdout.write(
      `${result.orders} orders, ${result.lines} lines, ${isoDateOfDayNumber(from)} … ${isoDateOfDayNumber(to)}\n` +
        `now ${result.current.total} ${result.currency}, draft ${result.draft.total} ${result.currency}, difference ${result.difference}\n`,
    );
    for (const group of result.byGroup)
      io.stdout.write(
        `  ${group.group.padEnd(24)} ${String(group.lines).padStart(8)} lines  ${group.current} → ${group.draft} ${group.currency}\n`,
      );
    if (result.skipped.length > 0)
      io.stdout.write(`${result.skipped.length} order(s) the draft cannot price were left out\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function apply(
  file: string | undefined,
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (file === undefined || file.startsWith('--'))
    throw new UsageError('missing FILE: the terms file to apply, e.g. programs/shop.yaml');
  const advertiser = optionValue(args, '--advertiser');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const { store } = await openMigratedStore(env);
  try {
    const result = await new ProgramTermsService(store, undefined, networkFeeRateOf(env)).apply(
      source,
      file,
      { advertiser, actor: 'cli' },
      systemClock(),
    );
    const summary = {
      program: result.program.slug,
      id: result.program.id,
      termsId: result.termsId,
      created: result.created,
      changed: result.changed,
    };
    if (args.includes('--json')) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else
      io.stdout.write(
        result.created
          ? `created program ${summary.program} (${summary.id}) with terms ${summary.termsId}\n`
          : result.changed
            ? `${summary.program}: terms ${summary.termsId} are current now (the earlier ones are kept)\n`
            : `${summary.program}: these terms are current already; nothing changed\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
