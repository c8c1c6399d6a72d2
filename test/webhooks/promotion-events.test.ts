import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, SECRET, sessionToken, type TestNetwork } from '../support/network.js';
import { verifyWebhook, type Received, type Receiver } from '../support/webhook-receiver.js';
import {
  startWebhookNetwork,
  WEBHOOKS_TO_LOCAL_RECEIVER,
  type WebhookNetwork,
} from '../support/webhook-network.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { Network } from '../../src/server/network.js';
import type { Store } from '../../src/storage/database.js';

const DAY = 86_400_000;

/**
 * `promotion.created` (issues 28 and 29): written when the promotion becomes current, in the
 * transaction that creates it (a running one) or that marks it announced (a scheduled one, by
 * the announcement job once its start has come, or an edit moving its start to now), it
 * reaches the advertiser's webhooks and those of the publishers approved in the program; an
 * exclusive promotion only its site's publisher, never another who would learn its code. A
 * scheduled promotion tells no one anything before its start.
 */
describeEachEngine('promotion.created webhooks', (context) => {
  let network: WebhookNetwork;
  let t: TestNetwork;
  let receiver: Receiver;
  let advertiser: string;
  const secrets = new Map<string, string>();

  const api: WebhookNetwork['api'] = (...request) => network.api(...request);

  /** A publisher with a site (approved in the demo program, or pending there), and its session. */
  const newPublisher = async (name: string, approved: boolean) => {
    const site = await addSite(t, name, approved);
    const r = repos(t.network.store);
    if (!approved)
      await r.memberships.apply(
        {
          programId: t.demo.programId,
          siteId: site.id,
          publisherId: site.publisher_id,
          promotionMethods: [],
          contentCategories: [],
        },
        t.clock.now,
      );
    const email = `${name.toLowerCase()}@example.nl`;
    await r.users.create(
      {
        email,
        passwordHash: await hashPassword('promotion password 1'),
        role: 'publisher',
        name,
        publisherId: site.publisher_id,
      },
      t.clock.now,
    );
    t.clock.now += 61_000; // the login rate limit
    return { site, token: await sessionToken(t, email, 'promotion password 1') };
  };

  /** An endpoint at `/path` hearing of promotion.created; its secret kept to verify. */
  const subscribe = async (token: string, path: string) => {
    const hook = await api(token, 'POST', '/api/v1/webhooks', {
      url: receiver.url(path),
      events: ['promotion.created'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    secrets.set(path, hook.json<{ secret: string }>().secret);
  };

  const at = (path: string) => receiver.received.filter((r: Received) => r.path === path);
  const bodyOf = (path: string, request: Received) =>
    verifyWebhook(secrets.get(path)!, request, t.clock.now) as {
      type: string;
      data: { promotion: Record<string, unknown> };
    };

  /** Sends everything waiting; then every delivery of the batch has arrived. */
  const deliver = async (expected: number) => {
    for (let i = 0; i < 200 && receiver.received.length < expected; i++) {
      await t.network.dispatchEvents();
      await t.network.deliverWebhooks();
      if (receiver.received.length < expected)
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A few more runs: nothing beyond what is expected arrives.
    await t.network.dispatchEvents();
    await t.network.deliverWebhooks();
    expect(receiver.received).toHaveLength(expected);
  };

  let approved: Awaited<ReturnType<typeof newPublisher>>;
  let alsoApproved: Awaited<ReturnType<typeof newPublisher>>;
  let pending: Awaited<ReturnType<typeof newPublisher>>;

  beforeAll(async () => {
    network = await startWebhookNetwork(context().store);
    ({ t, receiver, advertiser } = network);
    approved = await newPublisher('Approved', true);
    alsoApproved = await newPublisher('Also', true);
    pending = await newPublisher('Pending', false);
    await subscribe(advertiser, '/advertiser');
    await subscribe(approved.token, '/approved');
    await subscribe(alsoApproved.token, '/also');
    await subscribe(pending.token, '/pending');
  });
  afterAll(() => network.close());

  /** Publishes a promotion running from now, or from `startsInMs` on (a scheduled one). */
  const publish = (over: Record<string, unknown>, startsInMs = 0) =>
    api(advertiser, 'POST', `/api/v1/programs/${t.demo.programId}/promotions`, {
      title: { nl: 'Gratis verzending', en: 'Free shipping' },
      startsAt: new Date(t.clock.now + startsInMs).toISOString(),
      endsAt: new Date(t.clock.now + 10 * DAY).toISOString(),
      kind: 'free_shipping',
      ...over,
    });

  it('reaches the advertiser and the approved publishers, signed; not a publisher only applying', async () => {
    receiver.received.length = 0;
    const created = await publish({ code: 'SHIPFREE' });
    expect(created.statusCode, created.body).toBe(201);
    const promotion = created.json<{ id: string; startsAt: string; endsAt: string }>();
    expect(created.json<{ state: string }>().state).toBe('running');
    await deliver(3);
    expect(at('/pending')).toEqual([]);
    for (const path of ['/advertiser', '/approved', '/also']) {
      const [request] = at(path);
      expect(request, path).toBeDefined();
      expect(request!.headers['webhook-id']).toMatch(/^evt_/);
      const body = bodyOf(path, request!);
      expect(body.type).toBe('promotion.created');
      expect(body.data.promotion).toEqual({
        id: promotion.id,
        programId: t.demo.programId,
        title: { nl: 'Gratis verzending', en: 'Free shipping' },
        description: null,
        url: null,
        kind: 'free_shipping',
        code: 'SHIPFREE',
        exclusiveSiteId: null,
        startsAt: promotion.startsAt,
        endsAt: promotion.endsAt,
      });
    }
    // A wrong secret does not verify.
    expect(() => bodyOf('/also', at('/approved')[0]!)).toThrow();
  });

  /** The promotion.created events written about `promotionId`. */
  const eventsOf = async (promotionId: string) =>
    (await repos(t.network.store).events.ofSubject(promotionId)).filter(
      (event) => event.type === 'promotion.created',
    );

  it('announces a scheduled promotion once, when its start has come and the job runs', async () => {
    receiver.received.length = 0;
    const created = await publish({ code: 'LATER10' }, DAY);
    expect(created.statusCode, created.body).toBe(201);
    const promotion = created.json<{ id: string; startsAt: string; state: string }>();
    expect(promotion.state).toBe('scheduled');
    // Before its start: no event, nothing sent, and the job finds nothing to announce.
    expect(await eventsOf(promotion.id)).toEqual([]);
    t.clock.now += DAY - 1;
    expect(await t.network.announcePromotions()).toBe(0);
    await deliver(0);
    expect(await eventsOf(promotion.id)).toEqual([]);
    // Its start: the job announces it, once, however often it runs.
    t.clock.now += 1;
    expect(await t.network.announcePromotions()).toBe(1);
    expect(await t.network.announcePromotions()).toBe(0);
    const events = await eventsOf(promotion.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.createdAtMs).toBe(t.clock.now);
    await deliver(3);
    expect(at('/pending')).toEqual([]);
    for (const path of ['/advertiser', '/approved', '/also'])
      expect(bodyOf(path, at(path)[0]!).data.promotion).toMatchObject({
        id: promotion.id,
        code: 'LATER10',
        startsAt: promotion.startsAt,
      });
    t.clock.now += 60_000;
    expect(await t.network.announcePromotions()).toBe(0);
    expect(await eventsOf(promotion.id)).toHaveLength(1);
  });

  it('sends an exclusive promotion (its code) only to its site’s publisher and the advertiser', async () => {
    receiver.received.length = 0;
    const created = await publish(
      { code: 'ONLYAPPROVED', exclusiveSiteId: approved.site.id },
      2 * 3_600_000,
    );
    expect(created.statusCode, created.body).toBe(201);
    // Scheduled: nobody hears of it, its publisher neither, until it starts.
    await deliver(0);
    t.clock.now += 2 * 3_600_000;
    expect(await t.network.announcePromotions()).toBe(1);
    await deliver(2);
    expect(at('/also')).toEqual([]);
    expect(at('/pending')).toEqual([]);
    expect(bodyOf('/approved', at('/approved')[0]!).data.promotion).toMatchObject({
      code: 'ONLYAPPROVED',
      exclusiveSiteId: approved.site.id,
    });
    expect(bodyOf('/advertiser', at('/advertiser')[0]!).data.promotion).toMatchObject({
      code: 'ONLYAPPROVED',
    });
    expect(receiver.received.map((r) => r.body).join('')).not.toContain('undefined');
  });

  it('announces nothing of a promotion deleted or moved later before its start; one moved to start now at once', async () => {
    receiver.received.length = 0;
    const path = (id: string) => `/api/v1/programs/${t.demo.programId}/promotions/${id}`;
    const deleted = (await publish({ code: 'WITHDRAWN' }, DAY)).json<{ id: string }>();
    const moved = (await publish({ code: 'POSTPONED' }, DAY)).json<{ id: string }>();
    const brought = (await publish({ code: 'BROUGHTFORWARD' }, DAY)).json<{ id: string }>();
    expect((await api(advertiser, 'DELETE', path(deleted.id))).statusCode).toBe(204);
    const later = new Date(t.clock.now + 3 * DAY).toISOString();
    const postponed = await api(advertiser, 'PATCH', path(moved.id), { startsAt: later });
    expect(postponed.statusCode, postponed.body).toBe(200);
    // Brought forward to start now: announced with the edit, as it stands after it.
    const now = new Date(t.clock.now).toISOString();
    const started = await api(advertiser, 'PATCH', path(brought.id), {
      startsAt: now,
      title: { nl: 'Nu al', en: 'Already' },
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json<{ state: string }>().state).toBe('running');
    expect(await eventsOf(brought.id)).toHaveLength(1);
    // A later edit of the running promotion announces it no second time.
    const renamed = await api(advertiser, 'PATCH', path(brought.id), {
      title: { nl: 'Weer anders', en: 'Changed again' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await deliver(3);
    for (const p of ['/advertiser', '/approved', '/also'])
      expect(bodyOf(p, at(p)[0]!).data.promotion).toMatchObject({
        id: brought.id,
        code: 'BROUGHTFORWARD',
        title: { nl: 'Nu al', en: 'Already' },
        startsAt: now,
      });
    // The first start passes: the deleted one and the postponed one tell no one anything.
    receiver.received.length = 0;
    t.clock.now += DAY;
    expect(await t.network.announcePromotions()).toBe(0);
    await deliver(0);
    expect(await eventsOf(deleted.id)).toEqual([]);
    expect(await eventsOf(moved.id)).toEqual([]);
    expect(await eventsOf(brought.id)).toHaveLength(1);
    // The postponed one is announced at its new start.
    t.clock.now += 2 * DAY;
    expect(await t.network.announcePromotions()).toBe(1);
    await deliver(3);
    expect(bodyOf('/also', at('/also')[0]!).data.promotion).toMatchObject({
      id: moved.id,
      startsAt: later,
    });
  });

  it('announces a promotion once while two nodes of one database run the job together', async () => {
    receiver.received.length = 0;
    const secondStore: Store = context().reopen();
    const second = new Network(secondStore, {
      secret: SECRET,
      maxBatch: 1000,
      node: 1,
      now: () => t.clock.now,
      webhooks: WEBHOOKS_TO_LOCAL_RECEIVER,
    });
    try {
      await second.start(50);
      const ids: string[] = [];
      for (let n = 0; n < 5; n++) {
        const created = await publish({ code: `NODES${n}` }, DAY + n * 1000);
        expect(created.statusCode, created.body).toBe(201);
        ids.push(created.json<{ id: string }>().id);
      }
      t.clock.now += DAY + 10_000;
      const runs = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          (i % 2 === 0 ? t.network : second).announcePromotions(),
        ),
      );
      // Whichever node ran (the other skipped, or found them announced), each once.
      const more = await Promise.all([t.network.announcePromotions(), second.announcePromotions()]);
      expect([...runs, ...more].reduce((sum, n) => sum + n, 0)).toBe(5);
      for (const id of ids) expect(await eventsOf(id), id).toHaveLength(1);
      await deliver(15);
    } finally {
      await second.close();
      await secondStore.close();
    }
  });

  it('writes no event for a refused promotion, and none reaches a publisher no longer approved or terminated', async () => {
    receiver.received.length = 0;
    const r = repos(t.network.store);
    // Refused (the exclusive site is not approved in the program): nothing stored, nothing sent.
    const refused = await publish({ code: 'NOTYOURS', exclusiveSiteId: pending.site.id });
    expect(refused.statusCode).toBe(400);
    // Published for Approved's site, then its membership is suspended before the event goes
    // out; Also's publisher is terminated meanwhile (it promotes nothing, so it hears nothing).
    const created = await publish({ code: 'LATE', exclusiveSiteId: approved.site.id });
    expect(created.statusCode, created.body).toBe(201);
    const shared = await publish({ code: 'EVERYONE' });
    expect(shared.statusCode, shared.body).toBe(201);
    const membership = await r.memberships.find(t.demo.programId, approved.site.id);
    await r.memberships.decide(membership!.id, 'suspended', 'test', 'test', t.clock.now);
    await r.publishers.setStatus(alsoApproved.site.publisher_id, 'terminated');
    await deliver(2);
    expect(at('/advertiser')).toHaveLength(2);
    expect(at('/also')).toEqual([]);
    expect(at('/approved')).toEqual([]);
    expect(bodyOf('/advertiser', at('/advertiser')[0]!).data.promotion).toMatchObject({
      code: 'LATE',
    });
    expect(await r.events.ofSubject(created.json<{ id: string }>().id)).toHaveLength(1);
  });

  it('lets both roles subscribe to it, and still refuses an unknown event', async () => {
    const unknown = await api(approved.token, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/x'),
      events: ['promotion.deleted'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('promotion.created');
  });
});
