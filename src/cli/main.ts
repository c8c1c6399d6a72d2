import { DomainError } from '../domain/errors.js';
import { QUOTE_USAGE, runQuoteCommand } from './quote-command.js';
import { MIGRATE_USAGE, runMigrateCommand } from './migrate-command.js';
import { FX_USAGE, runFxCommand } from './fx-command.js';
import { LEDGER_USAGE, runLedgerCommand } from './ledger-command.js';
import { ConfigError } from '../config/storage-config.js';
import { SERVE_USAGE, runServeCommand } from './serve-command.js';
import { DEMO_USAGE, runDemoCommand } from './demo-command.js';
import { STATS_USAGE, runStatsCommand } from './stats-command.js';
import { UsageError, type CliIo } from './cli-io.js';
import {
  INVOICES_USAGE,
  PAYOUTS_USAGE,
  STATEMENTS_USAGE,
  VALIDATE_USAGE,
  runInvoicesCommand,
  runPayoutsCommand,
  runStatementsCommand,
  runValidateCommand,
} from './money-commands.js';

const USAGE = `usage: affnet <command> [options]

commands:
  serve           run the tracking server (affnet serve --help)
  demo            create a demo network: program, advertiser, publisher, site, ad
  stats           totals: clicks, orders, commission by status
  quote           price orders with a program's terms (affnet quote --help)
  migrate         bring the database schema up to date
  fx import FILE  load ECB reference rates into the store
  ledger verify   prove the stored commissions equal the money ledger
  validate        apply validation deadlines, list overdue transactions
  invoices        advertiser invoices: create, list, show, pay
  statements      publisher statements: create, list, export (CSV, PDF)
  payouts         payout runs: create, export (SEPA, CSV), pay
  help            show this help

Storage: SQLite under $DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.
The portal is not built yet; see README.md for what exists.
`;

type Command = (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  serve: { run: runServeCommand, usage: SERVE_USAGE },
  demo: { run: runDemoCommand, usage: DEMO_USAGE },
  stats: { run: runStatsCommand, usage: STATS_USAGE },
  quote: { run: runQuoteCommand, usage: QUOTE_USAGE },
  migrate: { run: runMigrateCommand, usage: MIGRATE_USAGE },
  fx: { run: runFxCommand, usage: FX_USAGE },
  ledger: { run: runLedgerCommand, usage: LEDGER_USAGE },
  validate: { run: runValidateCommand, usage: VALIDATE_USAGE },
  invoices: { run: runInvoicesCommand, usage: INVOICES_USAGE },
  statements: { run: runStatementsCommand, usage: STATEMENTS_USAGE },
  payouts: { run: runPayoutsCommand, usage: PAYOUTS_USAGE },
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
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(`affnet: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
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
