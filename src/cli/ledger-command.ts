import { openMigratedStore } from './open-store.js';
import { Progress } from './progress.js';
import { parseJsonFlag, UsageError, type CliIo } from './cli-io.js';
import { repos } from '../storage/repositories/repos.js';

export const LEDGER_USAGE = `usage: affnet ledger verify [--json]

Proves the stored commissions equal the money ledger: every commission's entries must sum to
its amount in the account of its status and to zero elsewhere. Exit 1 on any difference.
`;

export async function runLedgerCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'verify')
    throw new UsageError(
      action === undefined ? 'missing action: verify' : `unknown action "${action}"`,
    );
  const json = parseJsonFlag(rest);
  const { store } = await openMigratedStore(env);
  try {
    const progress = new Progress(io.stderr, 'checked commissions');
    const result = await repos(store).ledger.verify((count) => progress.update(count));
    progress.done();
    const balanced =
      result.mismatches.length === 0 &&
      result.orphanEntries === 0 &&
      result.statementMismatches.length === 0;
    if (json) {
      io.stdout.write(`${JSON.stringify({ balanced, ...result })}\n`);
    } else {
      io.stdout.write(
        `${balanced ? 'balanced' : 'NOT BALANCED'}: ${result.commissions.toLocaleString('en')} commissions, ${result.entries.toLocaleString('en')} ledger entries, ${result.mismatches.length} mismatches, ${result.orphanEntries} commissions missing for ledger entries; ${result.statements.toLocaleString('en')} statements, ${result.statementMismatches.length} that no longer add up\n`,
      );
      for (const mismatch of result.statementMismatches.slice(0, 20)) {
        io.stdout.write(
          `  statement ${mismatch.statementId} ${mismatch.total}: issued ${mismatch.issuedMinor}, lines ${mismatch.linesMinor} (minor units)\n`,
        );
      }
      for (const mismatch of result.mismatches.slice(0, 20)) {
        io.stdout.write(
          `  ${mismatch.commissionId} ${mismatch.account}: stored ${mismatch.expectedMinor}, ledger ${mismatch.ledgerMinor} (minor units)\n`,
        );
      }
    }
    return balanced ? 0 : 1;
  } finally {
    await store.close();
  }
}
