import { systemClock } from '../server/clock.js';
import { parseServerConfig, resolveSecret } from '../config/server-config.js';
import { createDemoNetwork } from '../bootstrap/create-demo-network.js';
import { openMigratedStore } from './open-store.js';
import { parseJsonFlag, type CliIo } from './cli-io.js';

export const DEMO_USAGE = `usage: affnet demo [--json]

Creates, or finds again, a demo network in the configured store: the two bundled programs
(AliExpress, and Kabelkoning, a Dutch webshop), an advertiser login and API key for each, and a
publisher whose site is approved in both with an ad for each. Prints the click URLs, the keys
and the logins (the same ones on every run).
`;

export async function runDemoCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const json = parseJsonFlag(args);
  const config = parseServerConfig(env);
  const { store } = await openMigratedStore(env);
  try {
    const demo = await createDemoNetwork(store, await resolveSecret(config, store), systemClock());
    if (json) {
      io.stdout.write(`${JSON.stringify(demo)}\n`);
    } else {
      const lines = demo.programs.flatMap((program) => [
        `program     ${program.programId}  (page ${program.programUrl})`,
        `click URL   ${program.clickUrl}`,
        `API key     ${program.advertiserApiKey}`,
        `advertiser  ${program.advertiser.email} / ${program.advertiser.password}`,
        '',
      ]);
      lines.push(`publisher   ${demo.publisher.email} / ${demo.publisher.password}`, '');
      io.stdout.write(lines.join('\n'));
    }
    return 0;
  } finally {
    await store.close();
  }
}
