import { createHash, createHmac } from 'node:crypto';

/** Tradedoubler's checksum: `v04` + md5(secret + order or lead number + order value). */
export function v04Checksum(secret: string, number: string, orderValue = ''): string {
  return `v04${createHash('md5')
    .update(secret + number + orderValue)
    .digest('hex')}`;
}

/**
 * The affnet full checksum of a pixel query, computed as docs/tracking.md tells an integrator:
 * `v05` + hex HMAC-SHA256(secret, the priced fields as `name=value` lines, empty when absent).
 * `fields` are the report's parameters (a query string or its values).
 */
export function v05Checksum(secret: string, fields: string | Record<string, string>): string {
  const values = new URLSearchParams(fields);
  const lead = values.get('orderNumber') === null && values.get('leadNumber') !== null;
  const text = [
    lead
      ? `leadNumber=${values.get('leadNumber')}`
      : `orderNumber=${values.get('orderNumber') ?? ''}`,
    ...['orderValue', 'currency', 'event', 'voucher', 'reportInfo', 'basket'].map(
      (name) => `${name}=${values.get(name) ?? ''}`,
    ),
  ].join('\n');
  return `v05${createHmac('sha256', secret).update(text).digest('hex')}`;
}
