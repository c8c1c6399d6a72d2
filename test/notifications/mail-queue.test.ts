import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { Mailer } from '../../src/services/mailer.js';
import { repos } from '../../src/storage/repositories/repos.js';

const NOW = Date.UTC(2026, 9, 5, 12);

/**
 * Mail written in an event listener's transaction waits `queued`; the mail job sends each once
 * (claimed before it goes), and a mail the transaction rolled back is never sent.
 */
describeEachEngine('the queued mail of notifications', (context) => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('sends a queued mail once, and never one whose transaction rolled back', async () => {
    const { store } = context();
    const mailer = new Mailer(store, { smtpUrl: sink.url, from: 'affnet <no-reply@test>' });
    await repos(store).transaction((t) =>
      mailer.queue(t, { to: 'kept@example.nl', subject: 'Kept', text: 'kept' }, NOW),
    );
    await expect(
      repos(store).transaction(async (t) => {
        await mailer.queue(t, { to: 'lost@example.nl', subject: 'Lost', text: 'lost' }, NOW);
        throw new Error('the listener failed');
      }),
    ).rejects.toThrow('the listener failed');
    expect((await mailer.recent()).map((mail) => [mail.toAddress, mail.status])).toEqual([
      ['kept@example.nl', 'queued'],
    ]);
    // Two runs at once (two nodes): the mail goes once.
    const runs = await Promise.all([mailer.deliverQueued(NOW), mailer.deliverQueued(NOW)]);
    expect(runs[0]! + runs[1]!).toBe(1);
    await sink.waitFor('kept@example.nl');
    expect(await mailer.deliverQueued(NOW)).toBe(0);
    expect(sink.mails.filter((mail) => mail.to.includes('kept@example.nl'))).toHaveLength(1);
    expect(sink.mails.filter((mail) => mail.to.includes('lost@example.nl'))).toHaveLength(0);
    expect((await mailer.recent()).map((mail) => mail.status)).toEqual(['sent']);
    mailer.close();
  });

  it('writes no mail of a kind its reader switched off, whoever sends it (invoices too)', async () => {
    const { store } = context();
    const mailer = new Mailer(store, { from: 'affnet <no-reply@test>' });
    const users = repos(store).users;
    const advertiser = await repos(store).advertisers.create({ name: 'Switches B.V.' }, NOW);
    const off = await users.create(
      {
        email: 'Off@Switches.example',
        passwordHash: 'x',
        role: 'advertiser',
        name: 'Off',
        advertiserId: advertiser.id,
      },
      NOW,
    );
    await users.create(
      {
        email: 'on@switches.example',
        passwordHash: 'x',
        role: 'advertiser',
        name: 'On',
        advertiserId: advertiser.id,
      },
      NOW,
    );
    await repos(store).notifications.setSwitchedOff(
      off.id,
      ['invoice_issued'],
      ['invoice_issued'],
      NOW,
    );
    await mailer.sendToEach(
      await users.recipientsOfAdvertiser(advertiser.id),
      () => ({ subject: 'Invoice', text: 'issued' }),
      NOW,
      'invoice_issued',
    );
    // A mail of no kind, or of another kind, still goes.
    await mailer.send({ to: 'off@switches.example', subject: 'Reset', text: 'link' }, NOW);
    const to = (await mailer.recent())
      .map((mail) => `${mail.toAddress}: ${mail.subject}`)
      .filter((mail) => mail.includes('switches.example'))
      .sort();
    expect(to).toEqual(['off@switches.example: Reset', 'on@switches.example: Invoice']);
  });
});
