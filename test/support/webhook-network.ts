import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Store } from '../../src/storage/database.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';
import type { TestStore } from './stores.js';
import { addSite, sessionToken, startTestNetwork, type TestNetwork } from './network.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

/** What a self-hosted test set-up allows: webhooks over http to a private address. */
export const WEBHOOKS_TO_LOCAL_RECEIVER = { allowPrivate: true, allowHttp: true };

/**
 * The environment of an `affnet serve` (dist/) on the test's store (SQLite in `dataDir`) whose
 * webhooks may reach a local receiver, with `extra` settings.
 */
export function servedWebhookEnv(
  test: TestStore,
  dataDir: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    PORT: '0',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
    ECB_FETCH: 'off',
    ...extra,
    ...(test.store.dialect === 'sqlite'
      ? { DATA_DIR: dataDir, DATABASE_URL: undefined }
      : { DATABASE_URL: test.url, SECRET: 'served-webhooks-secret-0123456789abcdef' }),
  };
}

export interface WebhookNetwork {
  t: TestNetwork;
  /** A local receiver the network's webhooks and postbacks may reach. */
  receiver: Receiver;
  /** Session tokens of the demo publisher and the demo advertiser. */
  publisher: string;
  advertiser: string;
  /** A request with a session (or none), as a script would send it. */
  api: (
    token: string | undefined,
    method: string,
    url: string,
    payload?: unknown,
  ) => Promise<LightMyRequestResponse>;
  /**
   * A publisher of its own with a site in the demo program (approved unless `approve` is
   * false), a user and its session.
   */
  newPublisher(
    name: string,
    approve?: boolean,
  ): Promise<{
    site: Awaited<ReturnType<typeof addSite>>;
    email: string;
    password: string;
    token: string;
  }>;
  /** Runs the dispatcher and the delivery job (alongside the background runs) until `done`. */
  deliverUntil(done: () => boolean, what: string): Promise<void>;
  /** Closes the app and the receiver. */
  close(): Promise<void>;
}

const PUBLISHER_PASSWORD = 'webhook password 1';

/** The demo network with webhooks allowed to a local receiver, that receiver and two sessions. */
export async function startWebhookNetwork(store: Store): Promise<WebhookNetwork> {
  const t = await startTestNetwork(store, undefined, { webhooks: WEBHOOKS_TO_LOCAL_RECEIVER });
  const receiver = await startReceiver();
  return {
    t,
    receiver,
    publisher: await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password),
    advertiser: await sessionToken(t, t.demo.advertiser.email, t.demo.advertiser.password),
    api: (token, method, url, payload) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    newPublisher: async (name, approve = true) => {
      const site = await addSite(t, name, approve);
      const email = `${name.toLowerCase()}@example.nl`;
      await repos(t.network.store).users.create(
        {
          email,
          passwordHash: await hashPassword(PUBLISHER_PASSWORD),
          role: 'publisher',
          name,
          publisherId: site.publisher_id,
        },
        t.clock.now,
      );
      return {
        site,
        email,
        password: PUBLISHER_PASSWORD,
        token: await sessionToken(t, email, PUBLISHER_PASSWORD),
      };
    },
    deliverUntil: async (done, what) => {
      for (let i = 0; i < 200 && !done(); i++) {
        await t.network.dispatchEvents();
        await t.network.deliverWebhooks();
        if (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(done(), what).toBe(true);
    },
    close: async () => {
      await t.app.close();
      await receiver.close();
    },
  };
}
