import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import type {
  WebhookDeliveryRow,
  WebhookEndpointRow,
} from '../storage/repositories/webhooks-repository.js';
import { newMonotonicId } from '../storage/ids.js';
import { EVENT_RETENTION_DAYS } from './event-dispatcher.js';
import { webhookHeaders } from './webhook-signature.js';
import {
  DELIVERY_TIMEOUT_MS,
  FAILING_DISABLES_AFTER_MS,
  nextAttemptAt,
} from '../domain/webhooks/endpoint-rules.js';
import type { AttemptResult, OutgoingRequest, WebhookSender } from './webhook-sender.js';
import type { WebhookSecretBox } from './webhook-secrets.js';
import type { Mailer } from './mailer.js';
import { composeEmail, formatInstant, localeOf } from '../i18n/email.js';

/**
 * Deliveries sent at once by one run, and fetched per round. A round's claims commit in one
 * transaction and its outcomes in another: two commits per round, not two per attempt (each an
 * fsync of SQLite's one write lock, which the request path's writes wait for).
 */
const PARALLEL = 16;
const ROUND = 256;
/**
 * A claimed delivery is due again after this, should its node die mid-round. Only a dead run's
 * leases ever run out: the job's lock lets no other run start while a run is going, however
 * long its round takes. Short, so that a restart delivers what a killed server had claimed
 * within a round's worth of deliveries (up to 256 at once) soon after it is back.
 */
const LEASE_MS = DELIVERY_TIMEOUT_MS + 5_000;
/** A run stops starting rounds after this, leaving the rest to the next run. */
const RUN_BUDGET_MS = 30_000;

/** One attempt's outcome, to store. */
export interface AttemptOutcome {
  delivery: Pick<WebhookDeliveryRow, 'id' | 'attempts'>;
  endpoint: WebhookEndpointRow;
  result: AttemptResult;
  nowMs: number;
}

/**
 * Sends what the webhook listener wrote (webhook-listener.ts), off the request path: one
 * network job (the scheduler's lock: one node at a time), each round's deliveries claimed with
 * a lease before their attempts, so a node killed mid-attempt leaves them due again rather
 * than lost. A 2xx delivers; anything else is retried on the schedule (endpoint-rules.ts),
 * honouring Retry-After; 410 disables the endpoint, and so do five days of failures (its owner
 * is emailed). A round holds at most one delivery per endpoint and subject (dueDeliveries), so
 * a commission's updates still go after its creation.
 */
export class WebhookDelivery {
  constructor(
    private readonly store: Store,
    private readonly sender: WebhookSender,
    private readonly secrets: WebhookSecretBox,
    private readonly mailer: Mailer,
    private readonly now: () => number,
  ) {}

  #stopping = false;

  /** The run going ends after its round, and no other starts (the process is shutting down). */
  stop(): void {
    this.#stopping = true;
  }

  /** Attempts every due delivery; how many attempts were made. */
  async run(): Promise<number> {
    const started = performance.now();
    let attempted = 0;
    while (!this.#stopping && performance.now() - started < RUN_BUDGET_MS) {
      const nowMs = this.now();
      const r = repos(this.store);
      const due = await r.webhooks.dueDeliveries(nowMs, ROUND);
      if (due.length === 0) break;
      const endpoints = new Map<string, WebhookEndpointRow | undefined>();
      for (const delivery of due)
        if (!endpoints.has(delivery.endpoint_id))
          endpoints.set(delivery.endpoint_id, await r.webhooks.endpoint(delivery.endpoint_id));
      const claimed = await r.transaction(async (t) => {
        const mine: WebhookDeliveryRow[] = [];
        for (const delivery of due)
          if (
            endpoints.get(delivery.endpoint_id) !== undefined &&
            (await t.webhooks.claim(delivery, nowMs + LEASE_MS))
          )
            mine.push(delivery);
        return mine;
      });
      const outcomes: AttemptOutcome[] = [];
      let next = 0;
      const worker = async () => {
        while (next < claimed.length) {
          const delivery = claimed[next++]!;
          const endpoint = endpoints.get(delivery.endpoint_id)!;
          outcomes.push(await this.#attempt(delivery, endpoint));
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      await this.recordAll(outcomes);
      attempted += outcomes.length;
      if (due.length < ROUND) break;
    }
    return attempted;
  }

  /**
   * Deletes finished deliveries and their attempts older than the events' retention (the
   * deliveries' log keeps as long as the outbox does); how many deliveries.
   */
  prune(nowMs: number): Promise<number> {
    const before = nowMs - EVENT_RETENTION_DAYS * 86_400_000;
    return repos(this.store).transaction((t) => t.webhooks.pruneFinished(before));
  }

  /** What a delivery sends now: a webhook signed with the endpoint's secrets, or a postback. */
  request(
    endpoint: WebhookEndpointRow,
    delivery: Pick<WebhookDeliveryRow, 'event_id' | 'payload'>,
    nowMs: number,
  ): OutgoingRequest | string {
    if (endpoint.kind === 'postback') return { method: 'GET', url: delivery.payload, headers: {} };
    const secrets: string[] = [];
    for (const sealed of [
      endpoint.secret,
      (endpoint.previous_secret_until ?? 0) > nowMs ? endpoint.previous_secret : null,
    ]) {
      if (sealed === null) continue;
      const secret = this.secrets.open(sealed);
      if (secret === undefined)
        return 'the signing secret was sealed under another SECRET: rotate the secret';
      secrets.push(secret);
    }
    return {
      method: 'POST',
      url: endpoint.url,
      headers: webhookHeaders(
        secrets,
        delivery.event_id,
        Math.floor(nowMs / 1000),
        delivery.payload,
      ),
      body: delivery.payload,
    };
  }

  async #attempt(
    delivery: WebhookDeliveryRow,
    endpoint: WebhookEndpointRow,
  ): Promise<AttemptOutcome> {
    const nowMs = this.now();
    const request = this.request(endpoint, delivery, nowMs);
    const result: AttemptResult =
      typeof request === 'string'
        ? { status: null, durationMs: 0, excerpt: '', error: request }
        : await this.sender.send(request);
    return { delivery, endpoint, result, nowMs };
  }

  /** Stores an attempt's outcome: delivered, due again, or failed for good. */
  async record(
    delivery: Pick<WebhookDeliveryRow, 'id' | 'attempts'>,
    endpoint: WebhookEndpointRow,
    result: AttemptResult,
    nowMs: number,
    test = false,
  ): Promise<void> {
    await this.recordAll([{ delivery, endpoint, result, nowMs }], test);
  }

  /**
   * Stores attempts' outcomes in one transaction, in their order: each endpoint's failing
   * streak and disabling follow its attempts one after another (an endpoint disabled by one
   * of them is disabled once, and its owner emailed once).
   */
  async recordAll(outcomes: readonly AttemptOutcome[], test = false): Promise<void> {
    if (outcomes.length === 0) return;
    const current = new Map<string, WebhookEndpointRow>();
    const disabled: {
      endpoint: WebhookEndpointRow;
      reason: 'gone' | 'failing';
      since: number;
      nowMs: number;
    }[] = [];
    await repos(this.store).transaction(async (t) => {
      current.clear();
      disabled.length = 0;
      for (const { delivery, endpoint: stored, result, nowMs } of outcomes) {
        const endpoint = current.get(stored.id) ?? stored;
        const ok = result.status !== null && result.status >= 200 && result.status < 300;
        const attempts = delivery.attempts + 1;
        const gone = result.status === 410;
        const next = ok || gone ? undefined : nextAttemptAt(attempts, nowMs, result.retryAfter);
        const failingSince = test
          ? endpoint.failing_since
          : ok
            ? null
            : (endpoint.failing_since ?? nowMs);
        const failedTooLong =
          !test && !ok && nowMs - (failingSince ?? nowMs) >= FAILING_DISABLES_AFTER_MS;
        const disable = test ? undefined : gone ? 'gone' : failedTooLong ? 'failing' : undefined;
        await t.webhooks.insertAttempt({
          id: newMonotonicId('attempt', nowMs),
          delivery_id: delivery.id,
          endpoint_id: endpoint.id,
          attempted_at: nowMs,
          status_code: result.status,
          duration_ms: result.durationMs,
          excerpt: result.excerpt,
          error: result.error,
        });
        await t.webhooks.updateDelivery(delivery.id, {
          status: ok ? 'delivered' : next === undefined ? 'failed' : 'pending',
          attempts,
          next_attempt_at: next ?? nowMs,
          last_status: result.status,
          updated_at: nowMs,
        });
        const disabling = disable !== undefined && endpoint.disabled_at === null;
        if (failingSince !== endpoint.failing_since || disabling) {
          await t.webhooks.updateEndpoint(endpoint.id, {
            failing_since: failingSince,
            ...(disabling
              ? { disabled_at: nowMs, disabled_reason: disable, updated_at: nowMs }
              : {}),
          });
          current.set(endpoint.id, {
            ...endpoint,
            failing_since: failingSince,
            ...(disabling ? { disabled_at: nowMs, disabled_reason: disable } : {}),
          });
        }
        if (disabling)
          disabled.push({ endpoint, reason: disable, since: failingSince ?? nowMs, nowMs });
      }
    });
    for (const { endpoint, reason, since, nowMs } of disabled)
      await this.#tellOwner(endpoint, reason, since, nowMs);
  }

  async #tellOwner(
    endpoint: WebhookEndpointRow,
    reason: 'gone' | 'failing',
    sinceMs: number,
    nowMs: number,
  ): Promise<void> {
    const users = repos(this.store).users;
    const recipients =
      endpoint.owner_role === 'publisher'
        ? await users.recipientsOfPublisher(endpoint.owner_id)
        : await users.recipientsOfAdvertiser(endpoint.owner_id);
    for (const recipient of recipients) {
      const locale = localeOf(recipient.locale);
      await this.mailer.send(
        {
          to: recipient.email,
          ...composeEmail(locale, reason === 'gone' ? 'webhookGone' : 'webhookFailing', {
            url:
              endpoint.kind === 'postback'
                ? new URL(endpoint.url.replace(/\{[^{}]*\}/g, 'x')).origin
                : endpoint.url,
            since: formatInstant(sinceMs, locale),
            id: endpoint.id,
          }),
        },
        nowMs,
      );
    }
  }
}
