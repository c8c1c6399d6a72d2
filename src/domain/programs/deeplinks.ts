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
