import { systemClock } from '../server/clock.js';
import { cliNetwork } from './cli-network.js';
import { parseServerConfig } from '../config/server-config.js';
import { openMigratedStore } from './open-store.js';
import { UsageError, type CliIo } from './cli-io.js';

export const ADVERTISERS_USAGE = `usage: affnet advertisers invite EMAIL --name ADVERTISER [--locale nl|en] [--json]

invite  creates the advertiser when its name is new (the same name adds a user to it) and
        emails EMAIL a link to choose a password (single use, 7 days); the link is printed too,
        for networks without SMTP_URL. PUBLIC_URL is the base of the link.
`;

export async function runAdvertisersCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, email, ...rest] = args;
  if (action !== 'invite')
    throw new UsageError(
      action === undefined ? 'missing action: invite' : `unknown action "${action}"`,
    );
  if (email === undefined || email.startsWith('--')) throw new UsageError('missing EMAIL');
  const value = (name: string) => {
    const index = rest.indexOf(name);
    if (index < 0) return undefined;
    const text = rest[index + 1];
    if (text === undefined || text.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return text;
  };
  const advertiser = value('--name');
  if (advertiser === undefined) throw new UsageError('missing --name ADVERTISER');
  const locale = value('--locale') ?? 'en';
  if (locale !== 'en' && locale !== 'nl') throw new UsageError('--locale: en or nl');
  const config = parseServerConfig(env);
  const { store } = await openMigratedStore(env);
  try {
    const network = await cliNetwork(store, config, { mail: true });
    const invited = await network.advertiserInvites.invite(
      { email, advertiser, locale },
      config.publicUrl ?? `http://localhost:${config.port}`,
      'cli',
      systemClock(),
    );
    network.mailer.close();
    if (rest.includes('--json')) io.stdout.write(`${JSON.stringify(invited)}\n`);
    else
      io.stdout.write(
        `invited ${invited.email} to ${advertiser}${invited.created ? ' (a new advertiser)' : ''}; the link (single use, 7 days):\n${invited.link}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
