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
 * A run is a continuous pool: up to PARALLEL attempts in flight, and an attempt that ends starts
 * the next claimed delivery at once, so no attempt waits for a slower one (a receiver that
 * answers byte by byte holds its own slot, not everyone's). At most PER_ENDPOINT attempts per
 * endpoint and PER_ACCOUNT per account are in flight, so one account's endpoints take a share of
 * the slots, never all of them.
 */
const PARALLEL = 16;
const PER_ENDPOINT = 2;
const PER_ACCOUNT = 4;
/**
 * Deliveries are claimed ahead of their attempts, in one transaction per look, so that a busy
 * endpoint's next delivery starts as soon as its previous attempt ends: at most HELD of them
 * claimed and not yet stored in a run, HELD_PER_ACCOUNT of an account's, and of an endpoint's
 * HELD_PER_ENDPOINT_FIRST plus one per quick attempt it answered in this run, up to
 * HELD_PER_ENDPOINT (a slow receiver gets few claimed ahead).
 */
const HELD = 512;
const HELD_PER_ACCOUNT = 64;
const HELD_PER_ENDPOINT_FIRST = 4;
const HELD_PER_ENDPOINT = 32;
/** Due deliveries read at once (those of endpoints and accounts at their cap left out). */
const FETCH = 256;
/**
 * Outcomes are stored in one transaction per batch: when it holds FLUSH_COUNT outcomes,
 * FLUSH_MS after its first, or when nothing else is in flight; claims at most every CLAIM_MS.
 * A few commits a second, not two per attempt (each an fsync of SQLite's one write lock, which
 * the request path's writes wait for).
 */
const FLUSH_COUNT = 64;
const FLUSH_MS = 50;
const CLAIM_MS = 50;
/** While nothing new was stored, due deliveries are looked for again this often. */
const POLL_MS = 250;
/**
 * A failed attempt that timed out or took this long (an answer dripped byte by byte) defers its
 * endpoint: its pending deliveries wait as long as it has been failing (at least BACKOFF_MIN_MS,
 * at most BACKOFF_MAX_MS) rather than being retried at once.
 */
const SLOW_ATTEMPT_MS = 5_000;
const BACKOFF_MIN_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;
/** Endpoints left out of the due deliveries' query by id (the rest are skipped after it). */
const MAX_EXCLUDED = 200;
/**
 * A claimed delivery is due again after this, should its node die. Only a dead run's leases
 * matter: the job's lock lets no other run start while a run is going, and a run never claims
 * what it holds (a delivery claimed ahead behind a slow endpoint may outlive its lease); what
 * it claimed and did not start is given back when it ends. Short, so that a restart delivers
 * what a killed server had claimed soon after it is back.
 */
const LEASE_MS = DELIVERY_TIMEOUT_MS + 5_000;
/** A run starts no attempt after this, leaving the rest to the next run. */
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
 * network job (the scheduler's lock: one node at a time), each delivery claimed with a lease
 * before its attempt, so a node killed mid-attempt leaves it due again rather than lost. A 2xx
 * delivers; anything else is retried on the schedule (endpoint-rules.ts), honouring Retry-After;
 * 410 disables the endpoint, and so do five days of failures (its owner is emailed). Only the
 * oldest pending delivery of an endpoint and subject is ever due (dueDeliveries), so a
 * commission's updates still go after its creation. Attempts run in a continuous pool with caps
 * per endpoint and per account, and an endpoint whose attempts hang is backed off, so one
 * receiver cannot delay the others' deliveries.
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
  /**
   * Endpoints backed off (recordAll) and until when: their deliveries written since wait too.
   * This node's memory only: the deliveries pending when an endpoint was backed off are
   * deferred in the database.
   */
  readonly #backoff = new Map<string, number>();

  /**
   * The run going starts no more attempts and ends once those in flight have (at most the
   * sender's timeout) and are stored; no other starts (the process is shutting down).
   */
  stop(): void {
    this.#stopping = true;
  }

  /**
   * Attempts the due deliveries, continuously: each is claimed with a lease before its attempt,
   * and an attempt that ends starts the next claimed one its endpoint's and account's caps allow.
   * Ends when nothing is due and nothing in flight, or after RUN_BUDGET_MS (or stop()) once the
   * attempts in flight have ended and their outcomes are stored; how many attempts were made.
   */
  async run(): Promise<number> {
    const started = performance.now();
    const accepting = () => !this.#stopping && performance.now() - started < RUN_BUDGET_MS;
    const pool: Pool = {
      latest: new Map(),
      queue: [],
      held: new Set(),
      heldBy: new Map(),
      heldOf: new Map(),
      runningBy: new Map(),
      runningOf: new Map(),
      running: 0,
      stalled: new Set(),
      quick: new Map(),
    };
    let finished: AttemptOutcome[] = [];
    let firstFinishedAt = 0;
    let wake = () => {};
    let attempted = 0;
    // Whether a look for due deliveries may find one (an outcome was stored, a page was full).
    let lookAgain = true;
    let lastLook = -Infinity;
    const start = (item: Claimed) => {
      const { delivery, endpoint } = item;
      pool.running++;
      count(pool.runningBy, endpoint.id, 1);
      count(pool.runningOf, endpoint.owner_id, 1);
      void this.#attempt(delivery, endpoint).then((outcome) => {
        pool.running--;
        count(pool.runningBy, endpoint.id, -1);
        count(pool.runningOf, endpoint.owner_id, -1);
        if (hangs(outcome.result)) {
          // Its endpoint is backed off when the outcome is stored: nothing more starts there.
          pool.stalled.add(endpoint.id);
        } else if (outcome.result.durationMs < SLOW_ATTEMPT_MS) count(pool.quick, endpoint.id, 1);
        if (finished.length === 0) firstFinishedAt = performance.now();
        finished.push(outcome);
        wake();
      });
    };
    for (;;) {
      const now = performance.now();
      if (
        finished.length > 0 &&
        (finished.length >= FLUSH_COUNT ||
          now - firstFinishedAt >= FLUSH_MS ||
          (pool.running === 0 && (pool.queue.length === 0 || !accepting())))
      ) {
        const batch = finished;
        finished = [];
        await this.recordAll(batch, false, pool.latest);
        for (const { delivery, endpoint } of batch) unhold(pool, delivery.id, endpoint);
        attempted += batch.length;
        lookAgain = true;
        continue;
      }
      // Claimed and not started: given back when the run ends, dropped when its endpoint hangs
      // (the backoff defers it with the endpoint's other pending deliveries).
      const dropped = pool.queue.filter(
        (item) => !accepting() || pool.stalled.has(item.endpoint.id),
      );
      if (dropped.length > 0) {
        pool.queue = pool.queue.filter((item) => !dropped.includes(item));
        await repos(this.store).transaction(async (t) => {
          for (const { delivery, leaseUntil } of dropped)
            if (!pool.stalled.has(delivery.endpoint_id))
              await t.webhooks.unclaim(delivery, leaseUntil);
        });
        for (const { delivery, endpoint } of dropped) unhold(pool, delivery.id, endpoint);
        continue;
      }
      if (accepting())
        for (const item of [...pool.queue]) {
          if (pool.running >= PARALLEL) break;
          if ((pool.runningBy.get(item.endpoint.id) ?? 0) >= PER_ENDPOINT) continue;
          if ((pool.runningOf.get(item.endpoint.owner_id) ?? 0) >= PER_ACCOUNT) continue;
          pool.queue.splice(pool.queue.indexOf(item), 1);
          start(item);
        }
      // Not bounded by the queue: what waits there may be a hanging account's, which the caps
      // keep from starting while another's could.
      const open = accepting() && pool.held.size < HELD;
      const idle = pool.running === 0 && pool.queue.length === 0;
      const lookAt = lastLook + (lookAgain ? (idle ? 0 : CLAIM_MS) : POLL_MS);
      if (open && now >= lookAt) {
        lastLook = now;
        const { claimed, full } = await this.#claimDue(pool);
        lookAgain = full && claimed > 0;
        if (claimed > 0) continue;
      }
      if (pool.held.size === 0) break;
      // Nothing to do until an attempt ends, the batch is due, or it is time to look again.
      const waits: number[] = [];
      if (finished.length > 0) waits.push(firstFinishedAt + FLUSH_MS - now);
      if (open) waits.push(lookAt - now);
      await new Promise<void>((resolve) => {
        const timer =
          waits.length === 0 ? undefined : setTimeout(resolve, Math.max(0, Math.min(...waits)));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
    return attempted;
  }

  /**
   * Claims (one transaction) the due deliveries that the caps on what a run holds allow, into
   * the pool's queue: how many, and whether the page read was full (more may be due).
   */
  async #claimDue(pool: Pool): Promise<{ claimed: number; full: boolean }> {
    const nowMs = this.now();
    const r = repos(this.store);
    for (const [id, until] of this.#backoff) if (until <= nowMs) this.#backoff.delete(id);
    const heldCap = (id: string) =>
      Math.min(HELD_PER_ENDPOINT, HELD_PER_ENDPOINT_FIRST + (pool.quick.get(id) ?? 0));
    const skipped = (id: string) =>
      pool.stalled.has(id) || this.#backoff.has(id) || (pool.heldBy.get(id) ?? 0) >= heldCap(id);
    const endpoints = new Set([...pool.heldBy.keys(), ...pool.stalled, ...this.#backoff.keys()]);
    const due = await r.webhooks.dueDeliveries(nowMs, FETCH, {
      endpoints: [...endpoints].filter(skipped).slice(0, MAX_EXCLUDED),
      owners: [...pool.heldOf]
        .filter(([, held]) => held >= HELD_PER_ACCOUNT)
        .map(([owner]) => owner)
        .slice(0, MAX_EXCLUDED),
    });
    const full = due.length === FETCH;
    if (due.length === 0) return { claimed: 0, full };
    // Read now, after every outcome of this run so far was stored: the failing streak that the
    // outcomes continue (pool.latest keeps it current while attempts are in flight).
    for (const row of await r.webhooks.endpoints([...new Set(due.map((d) => d.endpoint_id))]))
      pool.latest.set(row.id, row);
    const chosen: WebhookDeliveryRow[] = [];
    const heldBy = new Map(pool.heldBy);
    const heldOf = new Map(pool.heldOf);
    for (const delivery of due) {
      if (pool.held.size + chosen.length >= HELD) break;
      const endpoint = pool.latest.get(delivery.endpoint_id);
      if (endpoint === undefined || endpoint.disabled_at !== null) continue;
      if (pool.held.has(delivery.id) || skipped(endpoint.id)) continue;
      if ((heldBy.get(endpoint.id) ?? 0) >= heldCap(endpoint.id)) continue;
      if ((heldOf.get(endpoint.owner_id) ?? 0) >= HELD_PER_ACCOUNT) continue;
      count(heldBy, endpoint.id, 1);
      count(heldOf, endpoint.owner_id, 1);
      chosen.push(delivery);
    }
    if (chosen.length === 0) return { claimed: 0, full };
    const leaseUntil = nowMs + LEASE_MS;
    const claimed = await r.transaction(async (t) => {
      const mine: WebhookDeliveryRow[] = [];
      for (const delivery of chosen)
        if (await t.webhooks.claim(delivery, leaseUntil)) mine.push(delivery);
      return mine;
    });
    for (const delivery of claimed) {
      const endpoint = pool.latest.get(delivery.endpoint_id)!;
      pool.queue.push({ delivery, endpoint, leaseUntil });
      pool.held.add(delivery.id);
      count(pool.heldBy, endpoint.id, 1);
      count(pool.heldOf, endpoint.owner_id, 1);
    }
    return { claimed: claimed.length, full: full || claimed.length < chosen.length };
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
    let result: AttemptResult;
    try {
      const request = this.request(endpoint, delivery, nowMs);
      result =
        typeof request === 'string'
          ? { status: null, durationMs: 0, excerpt: '', error: request }
          : await this.sender.send(request);
    } catch (error) {
      // Never a lost slot: an unexpected failure is the attempt's outcome, retried on schedule.
      result = { status: null, durationMs: 0, excerpt: '', error: (error as Error).message };
    }
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
   * of them is disabled once, and its owner emailed once). A failed attempt that took
   * SLOW_ATTEMPT_MS or more defers its endpoint's pending deliveries (a backoff as long as it has
   * been failing, BACKOFF_MIN_MS to BACKOFF_MAX_MS), so a hanging receiver is not tried again
   * and again. `latest` (a run's) holds each endpoint's row as last changed, and is kept so.
   */
  async recordAll(
    outcomes: readonly AttemptOutcome[],
    test = false,
    latest?: Map<string, WebhookEndpointRow>,
  ): Promise<void> {
    if (outcomes.length === 0) return;
    const current = new Map<string, WebhookEndpointRow>();
    const disabled: {
      endpoint: WebhookEndpointRow;
      reason: 'gone' | 'failing';
      since: number;
      nowMs: number;
    }[] = [];
    const backedOff = new Map<string, number | undefined>();
    await repos(this.store).transaction(async (t) => {
      current.clear();
      disabled.length = 0;
      backedOff.clear();
      for (const { delivery, endpoint: stored, result, nowMs } of outcomes) {
        const endpoint = current.get(stored.id) ?? latest?.get(stored.id) ?? stored;
        const ok = result.status !== null && result.status >= 200 && result.status < 300;
        const attempts = delivery.attempts + 1;
        const gone = result.status === 410;
        const failingSince = test
          ? endpoint.failing_since
          : ok
            ? null
            : (endpoint.failing_since ?? nowMs);
        const scheduled =
          ok || gone ? undefined : nextAttemptAt(attempts, nowMs, result.retryAfter);
        const backoffUntil =
          !test && hangs(result)
            ? nowMs +
              Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, nowMs - (failingSince ?? nowMs)))
            : undefined;
        const next =
          scheduled === undefined || backoffUntil === undefined
            ? scheduled
            : Math.max(scheduled, backoffUntil);
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
        if (backoffUntil !== undefined) {
          await t.webhooks.deferPending(endpoint.id, backoffUntil);
          backedOff.set(endpoint.id, backoffUntil);
        } else if (ok) backedOff.set(endpoint.id, undefined);
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
    for (const [id, row] of current) latest?.set(id, row);
    for (const [id, until] of backedOff)
      if (until === undefined) this.#backoff.delete(id);
      else this.#backoff.set(id, until);
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

/** A delivery claimed by a run, until when. */
interface Claimed {
  delivery: WebhookDeliveryRow;
  endpoint: WebhookEndpointRow;
  leaseUntil: number;
}

/** A run's claimed deliveries (held until their outcomes are stored) and attempts in flight. */
interface Pool {
  /** Each endpoint's row as this run last read or changed it. */
  latest: Map<string, WebhookEndpointRow>;
  /** Claimed, not started, in the order claimed. */
  queue: Claimed[];
  /** Claimed and not yet stored (queued, in flight or finished): by id, endpoint and account. */
  held: Set<string>;
  heldBy: Map<string, number>;
  /** By owner id (ids carry their type's prefix: a publisher's and an advertiser's differ). */
  heldOf: Map<string, number>;
  runningBy: Map<string, number>;
  runningOf: Map<string, number>;
  running: number;
  /** Endpoints whose attempt hung in this run (backed off once its outcome is stored). */
  stalled: Set<string>;
  /** Quick attempts per endpoint in this run: how far ahead its deliveries are claimed. */
  quick: Map<string, number>;
}

function count(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

function unhold(pool: Pool, id: string, endpoint: WebhookEndpointRow): void {
  if (!pool.held.delete(id)) return;
  count(pool.heldBy, endpoint.id, -1);
  count(pool.heldOf, endpoint.owner_id, -1);
}

/** A failed attempt that timed out or took SLOW_ATTEMPT_MS: its endpoint is backed off. */
function hangs(result: AttemptResult): boolean {
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  return (
    !ok &&
    result.status !== 410 &&
    (result.timedOut === true || result.durationMs >= SLOW_ATTEMPT_MS)
  );
}
