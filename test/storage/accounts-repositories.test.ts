import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { repos } from '../../src/storage/repositories/repos.js';

const NOW = Date.UTC(2026, 2, 2, 12);

describeEachEngine('accounts repositories', (context) => {
  it('keeps the first value of a setting set if absent', async () => {
    const settings = repos(context().store).settings;
    expect(await settings.setIfAbsent('secret', 'first')).toBe('first');
    expect(await settings.setIfAbsent('secret', 'second')).toBe('first');
  });

  it('finds a session with its user and ends a user’s other sessions', async () => {
    const r = repos(context().store);
    const user = await r.users.create(
      { email: 'S@example.nl', passwordHash: 'x', role: 'admin', name: 'S' },
      NOW,
    );
    for (const id of ['s1', 's2'])
      await r.sessions.insert({
        id,
        user_id: user.id,
        token_hash: `hash-${id}`,
        csrf_token: `csrf-${id}`,
        created_at: NOW,
        expires_at: NOW + 1000,
        ip_hash: null,
        user_agent: null,
      });
    const found = await r.sessions.findWithUser('hash-s1');
    expect(found).toMatchObject({ session_id: 's1', csrf_token: 'csrf-s1', email: 's@example.nl' });
    await r.sessions.deleteOfUser(user.id, 's1');
    expect(await r.sessions.findWithUser('hash-s2')).toBeUndefined();
    expect(await r.sessions.findWithUser('hash-s1')).toBeDefined();
    await r.sessions.deleteByTokenHash('hash-s1');
    expect(await r.sessions.findWithUser('hash-s1')).toBeUndefined();
  });

  it('keeps the first key of a prefix and revokes a key once', async () => {
    const r = repos(context().store);
    const advertiser = await r.advertisers.create({ name: 'Keys BV' }, NOW);
    const key = (id: string, hash: string) => ({
      id,
      advertiser_id: advertiser.id,
      name: id,
      prefix: 'abcdefghij',
      key_hash: hash,
      created_by: null,
      created_at: NOW,
      last_used_at: null,
      revoked_at: null,
    });
    await r.apiKeys.insertUnlessPrefixTaken(key('k1', 'aa'));
    await r.apiKeys.insertUnlessPrefixTaken(key('k2', 'bb'));
    expect(await r.apiKeys.findActiveByPrefix('abcdefghij')).toEqual({
      id: 'k1',
      advertiser_id: advertiser.id,
      key_hash: 'aa',
    });
    expect((await r.apiKeys.ofAdvertiser(advertiser.id)).map((row) => row.id)).toEqual(['k1']);
    expect(await r.apiKeys.revoke(advertiser.id, 'k1', NOW)).toBe(true);
    expect(await r.apiKeys.revoke(advertiser.id, 'k1', NOW)).toBe(false);
    expect(await r.apiKeys.findActiveByPrefix('abcdefghij')).toBeUndefined();
  });

  it('bars an address or a domain', async () => {
    const { store } = context();
    await store.db
      .insertInto('registration_bars')
      .values([
        { id: 'b1', email: 'bad@example.nl', domain: null, action_id: null, created_at: NOW },
        { id: 'b2', email: null, domain: 'bad.nl', action_id: null, created_at: NOW },
      ])
      .execute();
    const bars = repos(store).registrationBars;
    expect(await bars.barsEmailOrDomains('bad@example.nl', ['example.nl'])).toBe(true);
    expect(await bars.barsEmailOrDomains('good@example.nl', ['example.nl', 'bad.nl'])).toBe(true);
    expect(await bars.barsEmailOrDomains('good@example.nl', ['example.nl'])).toBe(false);
    expect(await bars.barsDomain('bad.nl')).toBe(true);
    expect(await bars.barsDomain('example.nl')).toBe(false);
  });

  it('finds a publisher’s site and counts attributed orders', async () => {
    const r = repos(context().store);
    const publisher = await r.publishers.create({ name: 'P', country: 'NL' }, NOW);
    expect(await r.publishers.anySiteOf(publisher.id)).toBeUndefined();
    const site = await r.publishers.addSite(publisher.id, { name: 'S', url: 'https://s.nl' }, NOW);
    expect((await r.publishers.anySiteOf(publisher.id))?.id).toBe(site.id);
    expect(await r.orders.countAttributed()).toBe(0);
  });
});
