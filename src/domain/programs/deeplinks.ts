import { DomainError } from '../errors.js';

/** What a program's terms say about deep links (`tracking.deeplinking`). */
export interface DeeplinkRule {
  readonly allowed: boolean;
  readonly domains: readonly string[];
}

/**
 * The one deep link rule (AE-T4), used by the click (where the visitor goes) and by the link
 * builder (which links it makes): a deep link is followed only when the program allows deep
 * links and it is an http(s) address whose host is one of its domains or under one. The
 * target, or undefined: the click then goes to the landing page, the link builder refuses it.
 */
export function allowedDeeplink(rule: DeeplinkRule, deeplink: string): URL | undefined {
  if (!rule.allowed) return undefined;
  let url: URL;
  try {
    url = new URL(deeplink);
  } catch {
    return undefined; // not a URL
  }
  const host = url.hostname.toLowerCase();
  const ok =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    rule.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  return ok ? url : undefined;
}

/**
 * The deep link `deeplink` as `allowedDeeplink` lets it through, or a refusal naming `field`
 * and what the program allows (its domains, or no deep links at all).
 */
export function requireDeeplink(rule: DeeplinkRule, deeplink: string, field: string): URL {
  const url = allowedDeeplink(rule, deeplink);
  if (url !== undefined) return url;
  throw rule.allowed
    ? new DomainError(
        'deeplink_not_allowed',
        `${field}: a deep link must be an http(s) address on ${rule.domains.join(', ')} (or a subdomain); leave it empty to link to the landing page`,
        [],
        { domains: rule.domains.join(', ') },
      )
    : new DomainError(
        'deeplinks_not_allowed',
        `${field}: this program does not allow deep links; leave it empty to link to its landing page`,
      );
}
