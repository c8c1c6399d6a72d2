import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { describeEachEngine } from '../support/stores.js';
import { sessionToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { startReceiver } from '../support/webhook-receiver.js';
import {
  DEFAULT_SENDER_OPTIONS,
  WebhookSender,
  type Resolver,
} from '../../src/services/webhook-sender.js';
import { refusedAddress } from '../../src/services/webhook-address-check.js';
import { newWebhookSecret, webhookHeaders } from '../../src/services/webhook-signature.js';

/** A resolver a test sets: name → addresses. */
function fakeDns(table: Record<string, string[]>): Resolver {
  return (host) => {
    const addresses = table[host];
    if (addresses === undefined)
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

describe('webhook signatures', () => {
  it('are what the standardwebhooks package signs and verifies', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'order.created', timestamp: 'x', data: { a: '1.00' } });
    const seconds = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], 'evt_1', seconds, body);
    const library = new Webhook(secret);
    expect(headers['webhook-signature']).toBe(
      library.sign('evt_1', new Date(seconds * 1000), body),
    );
    expect(library.verify(body, headers)).toMatchObject({ type: 'order.created' });
    // Two secrets: either verifies.
    const next = newWebhookSecret();
    const both = webhookHeaders([next, secret], 'evt_2', seconds, body);
    expect(new Webhook(next).verify(body, both)).toBeTruthy();
    expect(new Webhook(secret).verify(body, both)).toBeTruthy();
    expect(() => new Webhook(secret).verify(`${body} `, both)).toThrow();
  });
});

describe('the address check', () => {
  it('refuses loopback, private, link-local, CGNAT, unspecified and IPv4-in-IPv6 addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
    ])
      expect([address, refusedAddress(address)]).toEqual([address, expect.any(String)]);
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      expect(refusedAddress(address)).toBeUndefined();
    expect(refusedAddress('93.184.216.34', new Set(['93.184.216.34']))).toContain('own');
  });

  it('refuses the IANA special-purpose ranges, each with what it is', () => {
    const says = (address: string) => [address, refusedAddress(address)];
    for (const [address, what] of [
      ['::ffff:0:7f00:1', 'an IPv4 address written as IPv6'],
      ['::ffff:0:10.0.0.1', 'an IPv4 address written as IPv6'],
      ['::7f00:1', 'an IPv4 address written as IPv6'],
      ['64:ff9b:1::a00:1', 'an IPv4 address written as IPv6'],
      ['2001::1', 'an IPv4 address written as IPv6'],
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'an IPv4 address written as IPv6'],
      ['2002:7f00:1::1', 'an IPv4 address written as IPv6'],
      ['::1', 'the IPv6 loopback address'],
      ['0:0:0:0:0:0:0:1', 'the IPv6 loopback address'],
      ['::', 'the unspecified IPv6 address'],
      ['2001:2::1', 'in a reserved IPv6 range'],
      ['2001:db8::1', 'in a reserved IPv6 range'],
      ['3fff::1', 'in a reserved IPv6 range'],
      ['100::1', 'not a global unicast'],
      ['ff02::1', 'not a global unicast'],
      ['fc00::1', 'not a global unicast'],
      ['fe80::1%eth0', 'not a global unicast'],
      ['192.88.99.1', 'a loopback, private'],
      ['198.18.0.1', 'a loopback, private'],
      ['198.19.255.254', 'a loopback, private'],
      ['240.0.0.1', 'a loopback, private'],
      ['255.255.255.255', 'a loopback, private'],
      ['224.0.0.251', 'a loopback, private'],
      ['192.0.0.8', 'a loopback, private'],
    ] as const)
      expect(says(address)).toEqual([address, expect.stringContaining(`${address} is ${what}`)]);
    expect(refusedAddress('::1')).not.toContain('IPv4');
    // Global unicast next to the refused ranges stays allowed.
    for (const address of [
      '2001:4860:4860::8888',
      '2a00:1450:4001::1',
      '192.88.100.1',
      '198.20.0.1',
    ])
      expect(says(address)).toEqual([address, undefined]);
  });

  it('refuses at delivery time, whatever a name resolved to when saved, and connects nowhere', async () => {
    const receiver = await startReceiver();
    const dns: Record<string, string[]> = {
      'loop.example': ['127.0.0.1'],
      'private.example': ['93.184.216.34', '10.0.0.7'],
      'metadata.example': ['169.254.169.254'],
      'six.example': ['::1'],
    };
    const sender = new WebhookSender({
      ...DEFAULT_SENDER_OPTIONS,
      allowHttp: true,
      resolve: fakeDns(dns),
    });
    const port = new URL(receiver.url('/')).port;
    for (const url of [
      receiver.url('/direct'),
      `http://10.1.2.3:${port}/`,
      `http://169.254.169.254/latest/meta-data`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://loop.example:${port}/`,
      `http://private.example:${port}/`,
      `http://metadata.example/`,
      `http://six.example:${port}/`,
    ]) {
      const result = await sender.send({ method: 'GET', url, headers: {} });
      expect([url, result.status, result.error]).toEqual([
        url,
        null,
        expect.stringContaining('refused') as unknown,
      ]);
    }
    expect(receiver.received).toEqual([]);
    // WEBHOOKS_ALLOW_PRIVATE=true lifts the check: the name is sent to the address it resolved to.
    const allowing = new WebhookSender({
      ...DEFAULT_SENDER_OPTIONS,
      allowHttp: true,
      allowPrivate: true,
      resolve: fakeDns(dns),
    });
    const sent = await allowing.send({
      method: 'GET',
      url: `http://loop.example:${port}/pinned`,
      headers: {},
    });
    expect(sent.status).toBe(200);
    expect(receiver.received[0]).toMatchObject({
      path: '/pinned',
      headers: { host: `loop.example:${port}` },
    });
    // Plain http is refused unless allowed; redirects are not followed.
    const strict = new WebhookSender({ ...DEFAULT_SENDER_OPTIONS, resolve: fakeDns(dns) });
    expect(
      (await strict.send({ method: 'GET', url: 'http://93.184.216.34/', headers: {} })).error,
    ).toContain('http:');
    receiver.answers.push({ status: 302, headers: { location: 'http://169.254.169.254/' } });
    const redirected = await allowing.send({
      method: 'GET',
      url: receiver.url('/moved'),
      headers: {},
    });
    expect(redirected.status).toBe(302);
    expect(receiver.received).toHaveLength(2);
    await receiver.close();
  });
});

describeEachEngine('webhook addresses in the API', (context) => {
  let t: TestNetwork;
  const dns: Record<string, string[]> = {
    'hooks.example': ['93.184.216.34'],
    'inside.example': ['10.0.0.1'],
  };
  beforeAll(async () => {
    t = await startTestNetwork(context().store, undefined, {
      webhooks: { resolve: fakeDns(dns) },
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('refuses a private address when saved and again when delivering (the name rebound)', async () => {
    const token = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    const post = (url: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: { authorization: `Bearer ${token}` },
        payload: { url, events: ['order.created'] },
      });
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/hook',
      'https://[::1]/hook',
      'https://[::ffff:0:7f00:1]/hook',
      'https://[2001::1]/hook',
      'https://192.88.99.1/hook',
      'https://[ff02::1]/hook',
      'https://inside.example/hook',
      'http://hooks.example/hook',
    ]) {
      const refused = await post(url);
      expect([url, refused.statusCode]).toEqual([url, 400]);
    }
    expect((await post('https://unknown.example/hook')).statusCode).toBe(400);
    const loopback = await post('https://[::1]/hook');
    expect(loopback.json().message).toContain('IPv6 loopback');
    expect(loopback.json().message).not.toContain('IPv4');
    // The postback of a tracker is checked alike; none of the refused ones was stored.
    const postback = await t.app.inject({
      method: 'POST',
      url: '/api/v1/publisher/postbacks',
      headers: { authorization: `Bearer ${token}` },
      payload: { url: 'https://[2001::1]/pb?c={commission}', events: ['commission.created'] },
    });
    expect(postback.statusCode, postback.body).toBe(400);
    expect(await t.network.store.db.selectFrom('webhook_endpoints').select('id').execute()).toEqual(
      [],
    );
    const saved = await post('https://hooks.example/hook');
    expect(saved.statusCode).toBe(201);
    const id = saved.json<{ id: string }>().id;
    // The name now points inside: the delivery is refused, logged, and retried later.
    dns['hooks.example'] = ['127.0.0.1'];
    const tested = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${id}/test`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tested.json()).toMatchObject({
      delivered: false,
      status: null,
      error: expect.stringContaining('refused') as unknown,
    });
  });
});
