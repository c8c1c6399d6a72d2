import { DomainError } from '../domain/errors.js';
import { QUOTE_USAGE, runQuoteCommand } from './quote-command.js';
import { UsageError, type CliIo } from './cli-io.js';

const USAGE = `usage: affnet <command> [options]

commands:
  quote     price orders with a program's terms (affnet quote --help)
  help      show this help

The tracking server, storage and portal are not built yet; see README.md for what exists.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  quote: { run: runQuoteCommand, usage: QUOTE_USAGE },
};

/** Runs the `affnet` command line; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = process): Promise<number> {
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
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`affnet ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.stderr.write(`affnet ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
