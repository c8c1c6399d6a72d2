import { EndpointRuleError, checkEndpointUrl } from './endpoint-rules.js';

/**
 * Postback URL templates: a tracker's URL with macros in braces, each replaced URL-encoded when
 * a commission event fires it (docs/integrations.md).
 */
export const POSTBACK_MACROS = [
  'epi',
  'epi2',
  'tduid',
  'order_number',
  'commission',
  'currency',
  'order_value',
  'status',
  'event',
  'program_id',
  'site_id',
  'timestamp',
] as const;

export type PostbackMacro = (typeof POSTBACK_MACROS)[number];
export type MacroValues = Record<PostbackMacro, string>;

const MACRO = /\{([^{}]*)\}/g;

/** The scheme, `//` and the authority (user, host, port): what comes before the path. */
const ORIGIN = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\\]*)/;

/**
 * Checks a template: a URL as for webhooks, every macro known (else refused, with its name),
 * and the tracker's address written out: the scheme, `//` and a literal host (and port) come
 * first, and no macro fills any of them (`http:{epi}/x` would take its host from the click).
 */
export function checkPostbackTemplate(template: string, allowHttp: boolean): void {
  const origin = ORIGIN.exec(template);
  if (origin === null || origin[1] === '')
    throw new EndpointRuleError(
      'invalid_webhook_url',
      'url: start with the scheme, // and the tracker’s host written out (https://tracker.example/…), with macros in the path and query only',
    );
  if (/[{}]/.test(origin[1]!))
    throw new EndpointRuleError(
      'invalid_webhook_url',
      'url: no macros in the scheme, user, host or port, only in the path and query',
    );
  for (const match of template.matchAll(MACRO)) {
    const name = match[1]!;
    if (!(POSTBACK_MACROS as readonly string[]).includes(name))
      throw new EndpointRuleError(
        'unknown_macro',
        `url: unknown macro {${name.slice(0, 40)}}; known: ${POSTBACK_MACROS.map((m) => `{${m}}`).join(', ')}`,
        [],
        { macro: `{${name.slice(0, 40)}}` },
      );
  }
  // The URL must hold with the macros filled, and address the same tracker whatever they hold
  // (a sample, and values shaped like a host, a user and a port).
  const parsed = [
    'x',
    SAMPLE_MACRO_VALUES,
    'evil.example',
    '@evil.example:1/',
    '//evil.example',
  ].map((sample) =>
    checkEndpointUrl(
      typeof sample === 'string'
        ? template.replace(MACRO, encodeURIComponent(sample))
        : expandPostback(template, sample),
      allowHttp,
    ),
  );
  const originOf = (url: URL) => `${url.protocol}//${url.username}:${url.password}@${url.host}`;
  if (parsed.some((url) => originOf(url) !== originOf(parsed[0]!)))
    throw new EndpointRuleError(
      'invalid_webhook_url',
      'url: no macros in the scheme, user, host or port, only in the path and query',
    );
}

/** The template with each macro replaced by its value, URL-encoded. */
export function expandPostback(template: string, values: MacroValues): string {
  return template.replace(MACRO, (whole, name: string) =>
    Object.hasOwn(values, name) ? encodeURIComponent(values[name as PostbackMacro]) : whole,
  );
}

/** A commission's status as trackers read it: pending, approved or declined. */
export function postbackStatus(status: string): 'pending' | 'approved' | 'declined' {
  if (status === 'approved' || status === 'paid') return 'approved';
  if (status === 'declined') return 'declined';
  return 'pending';
}

/** Trackers' postback URLs with affnet's macros in their parameters (the portal's presets). */
export const TRACKER_PRESETS = {
  voluum:
    'https://YOUR-DOMAIN.voluumtrk.com/postback?cid={epi}&payout={commission}&txid={order_number}&et={status}',
  keitaro:
    'https://YOUR-KEITARO/postback?subid={epi}&payout={commission}&tid={order_number}&status={status}',
  binom: 'https://YOUR-BINOM/click.php?cnv_id={epi}&payout={commission}&cnv_status={status}',
  redtrack: 'https://YOUR-DOMAIN/postback?clickid={epi}&sum={commission}&type={event}',
} as const;

/** Values for a test postback: what a real one would carry, made up. */
export const SAMPLE_MACRO_VALUES: MacroValues = {
  epi: 'test-click-1',
  epi2: 'test-sub-2',
  tduid: 'clk_test',
  order_number: 'TEST-1',
  commission: '1.23',
  currency: 'EUR',
  order_value: '12.30',
  status: 'pending',
  event: 'sale',
  program_id: 'prg_test',
  site_id: 'sit_test',
  timestamp: '0',
};
