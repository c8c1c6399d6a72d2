import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';

/** The streams a command uses, so tests can run commands in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses commands whose only option is `--json`; returns whether it was given. */
export function parseJsonFlag(args: string[]): boolean {
  try {
    return parseArgs({ args, options: { json: { type: 'boolean' } } }).values.json === true;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
