import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import type {
  WebhookAttemptRow,
  WebhookEndpointRow,
} from '../storage/repositories/webhooks-repository.js';
import { newId, newMonotonicId } from '../storage/ids.js';
import { DomainError } from '../domain/errors.js';
import {
  checkEndpointUrl,
  checkEvents,
  EndpointRuleError,
  EVENTS_OF_ROLE,
  MAX_ENDPOINTS,
  OLD_SECRET_VALID_MS,
  POSTBACK_EVENTS,
  type EndpointOwner,
} from '../domain/webhooks/endpoint-rules.js';
import {
  checkPostbackTemplate,
  expandPostback,
  SAMPLE_MACRO_VALUES,
} from '../domain/webhooks/postback-macros.js';
import { newWebhookSecret, webhookBody } from './webhook-signature.js';
import type { WebhookSecretBox } from './webhook-secrets.js';
import type { WebhookSender } from './webhook-sender.js';
import type { WebhookDelivery } from './webhook-delivery.js';
import type { RateLimiter } from './rate-limiter.js';
import { deliveryRow } from './webhook-listener.js';

/** An endpoint as its owner reads it: never its secret. */
export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  programId: string | null;
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

export interface AttemptView {
  at: string;
  status: number | null;
  durationMs: number;
  excerpt: string;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: AttemptView[];
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookInput {
  url: string;
  events: readonly string[];
  description?: string | undefined;
}

export interface PostbackInput {
  url: string;
  events: readonly string[];
  programId?: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Tests and redeliveries an account may ask for per minute (webhooks and postbacks together). */
export const SENDS_PER_MINUTE = 10;

/**
 * An account's webhook endpoints and postbacks (issue 28): made, changed, removed and tested
 * by their owner only (another account's id is answered as unknown, so ids cannot be probed);
 * a secret is shown once, when made or rotated, and a rotated one keeps signing beside the new
 * one for 24 hours.
 */
export class WebhooksService {
  constructor(
    private readonly store: Store,
    private readonly secrets: WebhookSecretBox,
    private readonly sender: WebhookSender,
    private readonly delivery: WebhookDelivery,
    private readonly allowHttp: boolean,
    private readonly limiter: RateLimiter,
  ) {}

  async list(owner: EndpointOwner, kind: 'webhook' | 'postback'): Promise<EndpointView[]> {
    return (await repos(this.store).webhooks.endpointsOf(owner.role, owner.id, kind)).map(view);
  }

  async create(
    owner: EndpointOwner,
    input: WebhookInput,
    nowMs: number,
  ): Promise<EndpointView & { secret: string }> {
    const url = await this.#checkUrl(input.url);
    const events = checkEvents(input.events, EVENTS_OF_ROLE[owner.role], owner.role);
    const secret = newWebhookSecret();
    const row = await this.#insert(owner, nowMs, {
      kind: 'webhook',
      url,
      events,
      program_id: null,
      description: input.description?.trim() || null,
      secret: this.secrets.seal(secret),
    });
    return { ...view(row), secret };
  }

  async createPostback(
    owner: EndpointOwner,
    input: PostbackInput,
    nowMs: number,
  ): Promise<EndpointView> {
    checkPostbackTemplate(input.url, this.allowHttp);
    await this.#checkAddress(new URL(expandPostback(input.url, SAMPLE_MACRO_VALUES)));
    const events = checkEvents(input.events, POSTBACK_EVENTS, 'postback');
    if (
      input.programId !== undefined &&
      (await repos(this.store).programs.findById(input.programId)) === undefined
    )
      throw new DomainError('unknown_program', `programId: no program "${input.programId}"`);
    // A postback scoped to a program reports that program's commissions: only to a publisher
    // with a site approved in it (not one pending, refused or suspended there).
    if (
      input.programId !== undefined &&
      !(await repos(this.store).memberships.ofPublisher(owner.id)).some(
        (membership) =>
          membership.program_id === input.programId && membership.status === 'approved',
      )
    )
      throw new DomainError(
        'program_not_joined',
        `programId: none of your sites is approved in program "${input.programId}"; scope the postback to a program you promote, or leave programId out`,
        [],
        { programId: input.programId },
      );
    return view(
      await this.#insert(owner, nowMs, {
        kind: 'postback',
        url: input.url,
        events,
        program_id: input.programId ?? null,
        description: null,
        secret: null,
      }),
    );
  }

  async update(
    owner: EndpointOwner,
    id: string,
    change: Partial<WebhookInput> & { enabled?: boolean | undefined },
    nowMs: number,
  ): Promise<EndpointView> {
    const endpoint = await this.#own(owner, id, 'webhook');
    const url = change.url === undefined ? endpoint.url : await this.#checkUrl(change.url);
    const events =
      change.events === undefined
        ? undefined
        : checkEvents(change.events, EVENTS_OF_ROLE[owner.role], owner.role);
    const enable = change.enabled === true && endpoint.disabled_at !== null;
    await repos(this.store).webhooks.updateEndpoint(id, {
      url,
      ...(events === undefined ? {} : { events: JSON.stringify(events) }),
      ...(change.description === undefined
        ? {}
        : { description: change.description.trim() || null }),
      ...(change.enabled === false && endpoint.disabled_at === null
        ? { disabled_at: nowMs, disabled_reason: 'owner' }
        : {}),
      ...(enable ? { disabled_at: null, disabled_reason: null, failing_since: null } : {}),
      updated_at: nowMs,
    });
    return view((await this.#own(owner, id, 'webhook'))!);
  }

  async remove(owner: EndpointOwner, id: string, kind: 'webhook' | 'postback'): Promise<void> {
    await this.#own(owner, id, kind);
    await repos(this.store).transaction((t) => t.webhooks.deleteEndpoint(id));
  }

  /** A new secret, shown once; the one it replaces signs beside it for 24 hours. */
  async rotate(owner: EndpointOwner, id: string, nowMs: number): Promise<{ secret: string }> {
    const endpoint = await this.#own(owner, id, 'webhook');
    const secret = newWebhookSecret();
    await repos(this.store).webhooks.updateEndpoint(id, {
      secret: this.secrets.seal(secret),
      previous_secret: endpoint.secret,
      previous_secret_until: nowMs + OLD_SECRET_VALID_MS,
      updated_at: nowMs,
    });
    return { secret };
  }

  /** An endpoint's latest deliveries with each attempt, newest first. */
  async deliveries(
    owner: EndpointOwner,
    id: string,
    kind: 'webhook' | 'postback',
    limit = 50,
  ): Promise<DeliveryView[]> {
    await this.#own(owner, id, kind);
    const webhooks = repos(this.store).webhooks;
    const deliveries = await webhooks.deliveriesOf(id, limit);
    const attempts = new Map<string, WebhookAttemptRow[]>();
    for (const attempt of await webhooks.attemptsOf(deliveries.map((d) => d.id)))
      attempts.set(attempt.delivery_id, [...(attempts.get(attempt.delivery_id) ?? []), attempt]);
    return deliveries.map((delivery) => ({
      id: delivery.id,
      eventId: delivery.event_id,
      eventType: delivery.event_type,
      status: delivery.status,
      attempts: (attempts.get(delivery.id) ?? []).map((attempt) => ({
        at: iso(Number(attempt.attempted_at)),
        status: attempt.status_code,
        durationMs: attempt.duration_ms,
        excerpt: attempt.excerpt,
        error: attempt.error,
      })),
      nextAttemptAt: delivery.status === 'pending' ? iso(Number(delivery.next_attempt_at)) : null,
      createdAt: iso(Number(delivery.created_at)),
    }));
  }

  /** Sends a delivery again, as a new delivery of the same event (due at once). */
  async redeliver(
    owner: EndpointOwner,
    id: string,
    deliveryId: string,
    kind: 'webhook' | 'postback',
    nowMs: number,
  ): Promise<{ id: string }> {
    await this.#own(owner, id, kind);
    const webhooks = repos(this.store).webhooks;
    const delivery = await webhooks.delivery(id, deliveryId);
    if (delivery === undefined)
      throw new DomainError('unknown_delivery', `no delivery "${deliveryId}" of endpoint "${id}"`);
    await this.#limitSends(owner, nowMs);
    const again = newMonotonicId('delivery', nowMs);
    await webhooks.insertDeliveries([
      deliveryRow(
        { id },
        { id: delivery.event_id, type: delivery.event_type, subjectId: delivery.subject_id },
        delivery.payload,
        nowMs,
        again,
      ),
    ]);
    return { id: again };
  }

  /**
   * Sends a test now (a `webhook.test` event, or the postback with sample values) and logs it
   * as a delivery of its own, never retried: what the receiver answered.
   */
  async test(
    owner: EndpointOwner,
    id: string,
    kind: 'webhook' | 'postback',
    nowMs: number,
  ): Promise<{ deliveryId: string; delivered: boolean } & Omit<AttemptView, 'at'>> {
    const endpoint = await this.#own(owner, id, kind);
    await this.#limitSends(owner, nowMs);
    const eventId = `evt_test_${randomBytes(8).toString('hex')}`;
    const payload =
      kind === 'postback'
        ? expandPostback(endpoint.url, {
            ...SAMPLE_MACRO_VALUES,
            timestamp: String(Math.floor(nowMs / 1000)),
          })
        : webhookBody('webhook.test', nowMs, { endpointId: endpoint.id });
    const deliveryId = newMonotonicId('delivery', nowMs);
    await repos(this.store).webhooks.insertDeliveries([
      {
        ...deliveryRow(
          { id },
          { id: eventId, type: 'webhook.test', subjectId: eventId },
          payload,
          nowMs,
          deliveryId,
        ),
        // Never picked up by the delivery job: this request sends it.
        status: 'sending',
      },
    ]);
    const request = this.delivery.request(endpoint, { event_id: eventId, payload }, nowMs);
    const result =
      typeof request === 'string'
        ? { status: null, durationMs: 0, excerpt: '', error: request }
        : await this.sender.send(request);
    // A test is tried once and never changes the endpoint's standing.
    await this.delivery.record({ id: deliveryId, attempts: 9_999 }, endpoint, result, nowMs, true);
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    return {
      deliveryId,
      delivered: ok,
      status: result.status,
      durationMs: result.durationMs,
      excerpt: result.excerpt,
      error: result.error,
    };
  }

  /**
   * Tests and redeliveries send a signed request at the owner's word: at most
   * SENDS_PER_MINUTE per account (webhooks and postbacks together), or the network would be a
   * free signed-POST sender. Refused with 429 rate_limited and Retry-After, nothing sent.
   */
  async #limitSends(owner: EndpointOwner, nowMs: number): Promise<void> {
    const verdict = await this.limiter.attempt(
      { name: 'webhook-send', max: SENDS_PER_MINUTE, windowMs: 60_000 },
      [`account:${owner.role}:${owner.id}`],
      nowMs,
    );
    if (verdict.allowed) return;
    const seconds = verdict.retryAfterSeconds;
    throw new DomainError(
      'rate_limited',
      `more than ${SENDS_PER_MINUTE} tests and redeliveries this minute from your account; wait ${seconds} seconds and try again`,
      [],
      { seconds, retryAfterSeconds: seconds },
    );
  }

  async #own(owner: EndpointOwner, id: string, kind: string): Promise<WebhookEndpointRow> {
    const endpoint = await repos(this.store).webhooks.endpointOf(owner.role, owner.id, id);
    if (endpoint === undefined || endpoint.kind !== kind)
      throw new DomainError('unknown_webhook', `no ${kind} "${id}" among yours`);
    return endpoint;
  }

  async #checkUrl(text: string): Promise<string> {
    const url = checkEndpointUrl(text, this.allowHttp);
    await this.#checkAddress(url);
    return url.href;
  }

  /** Refuses a URL whose host resolves to an address the sender would refuse now. */
  async #checkAddress(url: URL): Promise<void> {
    const refused = await this.sender.refusal(url);
    if (refused !== undefined) throw new EndpointRuleError('refused_address', `url: ${refused}`);
  }

  async #insert(
    owner: EndpointOwner,
    nowMs: number,
    fields: {
      kind: 'webhook' | 'postback';
      url: string;
      events: readonly string[];
      program_id: string | null;
      description: string | null;
      secret: string | null;
    },
  ): Promise<WebhookEndpointRow> {
    const webhooks = repos(this.store).webhooks;
    if ((await webhooks.countOf(owner.role, owner.id)) >= MAX_ENDPOINTS)
      throw new DomainError(
        'too_many_webhooks',
        `at most ${MAX_ENDPOINTS} webhooks and postbacks per account: delete one first`,
      );
    const row: WebhookEndpointRow = {
      id: newId('webhook', nowMs),
      owner_role: owner.role,
      owner_id: owner.id,
      ...fields,
      events: JSON.stringify(fields.events),
      previous_secret: null,
      previous_secret_until: null,
      disabled_at: null,
      disabled_reason: null,
      failing_since: null,
      created_at: nowMs,
      updated_at: nowMs,
    };
    await webhooks.insertEndpoint(row);
    return row;
  }
}

function view(row: WebhookEndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    programId: row.program_id,
    description: row.description,
    enabled: row.disabled_at === null,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since === null ? null : iso(Number(row.failing_since)),
    createdAt: iso(Number(row.created_at)),
  };
}
