import { countRows } from '../storage/repositories/count-rows.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { openMigratedStore } from './open-store.js';
import { parseJsonFlag, type CliIo } from './cli-io.js';
import { repos } from '../storage/repositories/repos.js';

export const STATS_USAGE = `usage: affnet stats [--json]

Totals of the network: clicks, orders (attributed and not) and commission by status.
`;

export async function runStatsCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const json = parseJsonFlag(args);
  const { store } = await openMigratedStore(env);
  try {
    const clicks = await countRows(store.db, 'clicks');
    const orders = await countRows(store.db, 'orders');
    const attributed = await repos(store).orders.countAttributed();
    const byStatus = await repos(store).commissions.totalsByStatus();
    const commission = Object.fromEntries(
      Object.entries(byStatus).map(([status, total]) => [
        status,
        { count: total.count, amount: formatMinorUnits(total.amountMinor, 2) },
      ]),
    );
    const stats = {
      clicks,
      orders,
      attributedOrders: attributed,
      unattributedOrders: orders - attributed,
      commission,
      currency: 'EUR',
    };
    if (json) {
      io.stdout.write(`${JSON.stringify(stats)}\n`);
    } else {
      io.stdout.write(
        `clicks             ${clicks.toLocaleString('en')}\norders             ${orders.toLocaleString('en')} (${attributed.toLocaleString('en')} attributed)\n`,
      );
      for (const [status, total] of Object.entries(commission)) {
        io.stdout.write(`commission ${status.padEnd(9)} EUR ${total.amount} (${total.count})\n`);
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}
