import { EVENT_TYPES, type EventType } from '../events/events.js';
import { DomainError } from '../errors.js';

/** Whose endpoint: a publisher's events are about its own money, an advertiser's its programs. */
export type EndpointOwner = { role: 'publisher' | 'advertiser'; id: string };

/** The events each role may subscribe to: an invoice is the advertiser's, statements and payouts the publisher's. */
export const EVENTS_OF_ROLE: Record<EndpointOwner['role'], readonly EventType[]> = {
  publisher: EVENT_TYPES.filter((type) => type !== 'invoice.issued'),
  advertiser: EVENT_TYPES.filter((type) => type !== 'statement.issued' && type !== 'payout.paid'),
};

/** What a postback may fire on. */
export const POSTBACK_EVENTS = ['commission.created', 'commission.updated'] as const;

/** Most endpoints (webhooks and postbacks together) an account may have. */
export const MAX_ENDPOINTS = 20;
export const MAX_URL_LENGTH = 2000;

/** A refusal of an endpoint's settings (invalid_webhook_url, invalid_webhook_events, unknown_macro). */
export class EndpointRuleError extends DomainError {}

/**
 * An endpoint's URL as saved: absolute `https` (`http` only where the network allows it), no
 * user name or password in it, at most 2,000 characters. Its addresses are checked again at
 * every delivery (`refusedAddress`).
 */
export function checkEndpointUrl(text: string, allowHttp: boolean): URL {
  if (text.length > MAX_URL_LENGTH)
    throw new EndpointRuleError('invalid_webhook_url', `url: at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointRuleError('invalid_webhook_url', 'url: expected an absolute https:// URL');
  }
  const schemes = allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol))
    throw new EndpointRuleError(
      'invalid_webhook_url',
      allowHttp
        ? `url: expected http:// or https://, not ${url.protocol}`
        : `url: expected https:// (this network sends no plain http), not ${url.protocol}`,
    );
  if (url.username !== '' || url.password !== '')
    throw new EndpointRuleError(
      'invalid_webhook_url',
      'url: no user name or password in the URL (verify the signature instead)',
    );
  if (url.hostname === '')
    throw new EndpointRuleError('invalid_webhook_url', 'url: expected a host name');
  return url;
}

/** The events asked for, each known and allowed for the role, without repeats. */
export function checkEvents(
  events: readonly string[],
  allowed: readonly string[],
  role: string,
): EventType[] {
  if (events.length === 0)
    throw new EndpointRuleError('invalid_webhook_events', 'events: name at least one event');
  const unique = [...new Set(events)];
  for (const event of unique)
    if (!allowed.includes(event))
      throw new EndpointRuleError(
        'invalid_webhook_events',
        `events: "${event.slice(0, 60)}" is not an event a ${role} receives; expected some of ${allowed.join(', ')}`,
      );
  return unique as EventType[];
}

/** Retries: the spec's schedule, the first attempt at once (delays after attempt 1, 2, …). */
export const RETRY_SCHEDULE_MS = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
] as const;

/** An endpoint failing this long (every attempt since) is disabled and its owner emailed. */
export const FAILING_DISABLES_AFTER_MS = 5 * 86_400_000;

/** How long a replaced secret still signs deliveries beside the new one. */
export const OLD_SECRET_VALID_MS = 86_400_000;

export const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * When to try a delivery again after its `attempts`-th attempt failed, or undefined when the
 * schedule is spent. A 429 or 503 with Retry-After (seconds or an HTTP date) waits as long as
 * asked, at most a day, and never less than the schedule.
 */
export function nextAttemptAt(
  attempts: number,
  nowMs: number,
  retryAfter?: string | undefined,
): number | undefined {
  if (attempts >= RETRY_SCHEDULE_MS.length) return undefined;
  const scheduled = RETRY_SCHEDULE_MS[attempts]!;
  const asked = retryAfterMs(retryAfter, nowMs);
  return nowMs + Math.max(scheduled, Math.min(asked ?? 0, 86_400_000));
}

function retryAfterMs(text: string | undefined, nowMs: number): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
