import { systemClock } from '../server/clock.js';
import { parseServerConfig, resolveSecret } from '../config/server-config.js';
import { createDemoNetwork } from '../bootstrap/create-demo-network.js';
import { openMigratedStore } from './open-store.js';
import { parseJsonFlag, type CliIo } from './cli-io.js';

export const DEMO_USAGE = `usage: affnet demo [--json]

Creates, or finds again, a demo network in the configured store: the AliExpress program, its
advertiser with an API key, an approved publisher with a site and an ad. Prints the click URL,
the key and the logins (the same ones on every run).
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
    const demo = await createDemoNetwork(
      store,
      await resolveSecret(config, store.db),
      systemClock(),
    );
    if (json) {
      io.stdout.write(`${JSON.stringify(demo)}\n`);
    } else {
      io.stdout.write(
        [
          `program     ${demo.programId}  (page ${demo.programUrl})`,
          `click URL   ${demo.clickUrl}`,
          `API key     ${demo.advertiserApiKey}`,
          `advertiser  ${demo.advertiser.email} / ${demo.advertiser.password}`,
          `publisher   ${demo.publisher.email} / ${demo.publisher.password}`,
          '',
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
