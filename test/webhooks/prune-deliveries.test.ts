import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { newId } from '../../src/storage/ids.js';
import { WebhookDelivery } from '../../src/services/webhook-delivery.js';
import { DEFAULT_SENDER_OPTIONS, WebhookSender } from '../../src/services/webhook-sender.js';
import { WebhookSecretBox } from '../../src/services/webhook-secrets.js';
import { Mailer } from '../../src/services/mailer.js';
import { deliveryRow } from '../../src/services/webhook-listener.js';

const DAY = 86_400_000;

/**
 * The prune job keeps the deliveries' log as long as the events' outbox (30 days): finished
 * deliveries older than that go with their attempts; a pending one, or one redelivered lately,
 * stays. Nothing here reads the calendar: every time is relative to one instant.
 */
describeEachEngine('pruning webhook deliveries', (context) => {
  it('deletes finished deliveries past the retention with their attempts, and nothing else', async () => {
    const { store } = context();
    const start = 1_000 * DAY;
    let clock = start;
    const delivery = new WebhookDelivery(
      store,
      new WebhookSender(DEFAULT_SENDER_OPTIONS),
      new WebhookSecretBox('a network secret for tests'),
      new Mailer(store, { from: 'affnet <no-reply@affnet.local>' }),
      () => clock,
    );
    const r = repos(store).webhooks;
    const made = async (name: string, status: string, createdAt: number, updatedAt: number) => {
      const id = newId('delivery', createdAt);
      await r.insertDeliveries([
        {
          ...deliveryRow(
            { id: 'whk_prune' },
            { id: `evt_${name}`, type: 'order.created', subjectId: `ord_${name}` },
            '{}',
            createdAt,
            id,
          ),
          status,
          updated_at: updatedAt,
        },
      ]);
      await r.insertAttempt({
        id: newId('attempt', updatedAt),
        delivery_id: id,
        endpoint_id: 'whk_prune',
        attempted_at: updatedAt,
        status_code: status === 'delivered' ? 204 : 500,
        duration_ms: 3,
        excerpt: '',
        error: null,
      });
      return id;
    };
    const delivered = await made('delivered', 'delivered', start, start);
    const failed = await made('failed', 'failed', start + DAY, start + 3 * DAY);
    const pending = await made('pending', 'pending', start + DAY, start + DAY);
    const redelivered = await made('redelivered', 'delivered', start + DAY, start + 29 * DAY);
    const recent = await made('recent', 'delivered', start + 20 * DAY, start + 20 * DAY);

    clock = start + 31 * DAY;
    expect(await delivery.prune(clock)).toBe(1); // only the first is 30 days old yet
    clock = start + 34 * DAY;
    expect(await delivery.prune(clock)).toBe(1); // the failed one, last tried on day 3
    expect(await delivery.prune(clock)).toBe(0);

    const left = (await r.deliveriesOf('whk_prune', 100)).map((row) => row.id).sort();
    expect(left).toEqual([pending, redelivered, recent].sort());
    const attempts = await r.attemptsOf([delivered, failed, pending, redelivered, recent]);
    expect(attempts.map((attempt) => attempt.delivery_id).sort()).toEqual(
      [pending, redelivered, recent].sort(),
    );
  });
});
