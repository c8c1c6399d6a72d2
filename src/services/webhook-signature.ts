import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (spec/standard-webhooks.md of the standard-webhooks repository): a
 * secret is `whsec_` + base64 of 24 random bytes; a message is signed as
 * `v1,` + base64(HMAC-SHA256(key, `{id}.{timestamp}.{body}`)), the key being the secret's
 * base64 part decoded; several signatures (a secret and the one it replaces) are sent space
 * separated in one `webhook-signature` header.
 */
export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

/** One `v1,` signature of a message with `secret` (a `whsec_…` text). */
export function signMessage(secret: string, id: string, timestampSeconds: number, body: string) {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest();
  return `v1,${mac.toString('base64')}`;
}

/** The three Standard Webhooks headers of a message, signed with each secret given. */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets
      .map((secret) => signMessage(secret, id, timestampSeconds, body))
      .join(' '),
  };
}

/** The body of a webhook: `{"type", "timestamp" (ISO 8601), "data"}`. */
export function webhookBody(type: string, atMs: number, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: new Date(atMs).toISOString(), data });
}
