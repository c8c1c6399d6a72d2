import { DomainError } from '../domain/errors.js';
import { ConfigError } from '../config/storage-config.js';
import { UsageError, type CliIo } from './cli-io.js';

const USAGE = `usage: affnet <command> [options]

commands:
  serve           run the tracking server (affnet serve --help)
  demo            create a demo network: program, advertiser, publisher, site, ad
  stats           totals: clicks, orders, commission by status
  quote           price orders with a program's terms (affnet quote --help)
  migrate         bring the database schema up to date
  fx import FILE  load ECB reference rates (CSV, XML or zip) into the store
  fx fetch        download the ECB's rates (ECB_BASE_URL) and load them
  advertisers     advertisers invite EMAIL --name ADVERTISER (an advertiser's user)
  programs        programs apply FILE, programs checksum SLUG (pixel checksum secret), programs simulate SLUG
                  --terms DRAFT.yaml (a terms change priced on the stored orders)
  ledger verify   prove the stored commissions equal the money ledger
  validate        apply validation deadlines, list overdue transactions
  invoices        advertiser invoices: create, list, show, pay
  statements      publisher statements: create, list, export (CSV, PDF)
  payouts         payout runs: create, export (SEPA, CSV), pay
  openapi         print the API's OpenAPI document (for generating a client)
  help            show this help

Storage: SQLite under $DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.
The portal runs with serve: /programs, /login, /api/docs. README.md says what exists.
`;

type Command = (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number>;

/**
 * Each command is loaded when it runs, so a command loads only its own code: `affnet quote`
 * streams in a small heap without the server, the portal and their libraries.
 */
const COMMANDS: Record<string, () => Promise<{ run: Command; usage: string }>> = {
  serve: async () => {
    const m = await import('./serve-command.js');
    return { run: m.runServeCommand, usage: m.SERVE_USAGE };
  },
  demo: async () => {
    const m = await import('./demo-command.js');
    return { run: m.runDemoCommand, usage: m.DEMO_USAGE };
  },
  stats: async () => {
    const m = await import('./stats-command.js');
    return { run: m.runStatsCommand, usage: m.STATS_USAGE };
  },
  quote: async () => {
    const m = await import('./quote-command.js');
    return { run: m.runQuoteCommand, usage: m.QUOTE_USAGE };
  },
  migrate: async () => {
    const m = await import('./migrate-command.js');
    return { run: m.runMigrateCommand, usage: m.MIGRATE_USAGE };
  },
  advertisers: async () => {
    const m = await import('./advertisers-command.js');
    return { run: m.runAdvertisersCommand, usage: m.ADVERTISERS_USAGE };
  },
  programs: async () => {
    const m = await import('./programs-command.js');
    return { run: m.runProgramsCommand, usage: m.PROGRAMS_USAGE };
  },
  fx: async () => {
    const m = await import('./fx-command.js');
    return { run: m.runFxCommand, usage: m.FX_USAGE };
  },
  ledger: async () => {
    const m = await import('./ledger-command.js');
    return { run: m.runLedgerCommand, usage: m.LEDGER_USAGE };
  },
  validate: async () => {
    const m = await import('./money-commands.js');
    return { run: m.runValidateCommand, usage: m.VALIDATE_USAGE };
  },
  invoices: async () => {
    const m = await import('./money-commands.js');
    return { run: m.runInvoicesCommand, usage: m.INVOICES_USAGE };
  },
  statements: async () => {
    const m = await import('./money-commands.js');
    return { run: m.runStatementsCommand, usage: m.STATEMENTS_USAGE };
  },
  openapi: async () => {
    const m = await import('./openapi-command.js');
    return { run: m.runOpenApiCommand, usage: m.OPENAPI_USAGE };
  },
  payouts: async () => {
    const m = await import('./money-commands.js');
    return { run: m.runPayoutsCommand, usage: m.PAYOUTS_USAGE };
  },
};

/** Runs the `affnet` command line; resolves to the exit code. */
export async function main(
  argv: string[],
  io: CliIo = process,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr.write(`affnet: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const command = await load();
  try {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(command.usage);
      return 0;
    }
    return await command.run(args, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`affnet ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`affnet ${name}: configuration: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.stderr.write(`affnet ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
