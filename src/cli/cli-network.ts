import type { Store } from '../storage/database.js';
import { Network, type NetworkOptions } from '../server/network.js';
import { resolveSecret, type ServerConfig } from '../config/server-config.js';

/**
 * The network a one-shot command works through: the server's secret and ECB settings (email
 * over SMTP only when the command sends mail, `mail`),
 * node number 31 (commands make no clicks) and no background jobs (`start` is never called).
 */
export async function cliNetwork(
  store: Store,
  config: ServerConfig,
  { mail = false }: { mail?: boolean } = {},
): Promise<Network> {
  const options: NetworkOptions = {
    secret: await resolveSecret(config, store),
    maxBatch: 1,
    node: 31,
    ecb: { baseUrl: config.ecbBaseUrl, fetchDaily: false },
    ...(mail && config.smtpUrl ? { mail: { smtpUrl: config.smtpUrl, from: config.mailFrom } } : {}),
  };
  return new Network(store, options);
}
