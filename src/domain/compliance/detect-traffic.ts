/**
 * Traffic-policy detectors (SPEC sections P): pure functions from what a click or a
 * conversion tells us to flags, each with its detector, rule id, severity and evidence. They
 * flag for review; what to do about a flag is an enforcement decision (AE-E1), except that
 * orders of email clicks without an approved mailing are held (AE-P1).
 */
export type Severity = 'low' | 'medium' | 'high';

/** Every detector, by the name its flags carry. */
export const DETECTORS = [
  'paid_search',
  'google_shopping',
  'not_top_level',
  'no_user_activation',
  'bot',
  'click_velocity',
  'own_storefront',
  'email_without_approval',
  'fast_conversion',
  'self_purchase',
  'click_burst',
  'conversion_limit',
  'conversion_velocity',
] as const;

export type Detector = (typeof DETECTORS)[number];

/** The high-severity detectors whose flags hold orders unless a program's terms say otherwise. */
export const DEFAULT_HOLD_DETECTORS: readonly Detector[] = [
  'email_without_approval',
  'not_top_level',
  'paid_search',
  'google_shopping',
  'click_velocity',
  'self_purchase',
  'conversion_limit',
  'conversion_velocity',
];

/**
 * Detectors that hold whatever the program's `hold` list says: a conversion beyond the per-click
 * limit of the program's own terms (NET-R4) is never payable until a person releases it.
 */
export const ALWAYS_HOLDING_DETECTORS: readonly Detector[] = ['conversion_limit'];

/** The detectors whose open flags hold the orders they touch under these settings. */
export function holdingDetectors(settings: Pick<ComplianceSettings, 'hold'>): Detector[] {
  return [...new Set([...settings.hold, ...ALWAYS_HOLDING_DETECTORS])];
}

export interface Flag {
  detector: Detector;
  rule: string;
  severity: Severity;
  evidence: Record<string, unknown>;
}

/** The program's thresholds (terms `compliance:`). */
export interface ComplianceSettings {
  /** More clicks than this from one IP hash on one site within a minute is abnormal (10c). */
  maxClicksPerMinutePerIp: number;
  /** A site with at least this many clicks in an hour and no order is a burst (10c). */
  burstClicksPerHour: number;
  /** An order placed sooner than this after its click is suspect (cookie stuffing, 10c). */
  minSecondsToConversion: number;
  /**
   * More conversions than this in an hour (by when they were reported) from one click, from
   * clicks of one IP hash, or from one site, is abnormal (NET-R5).
   */
  maxConversionsPerHour: ConversionVelocityLimits;
  /** Detectors whose flags hold the orders they touch until reviewed. */
  hold: readonly Detector[];
  /** The program's rule each detector's flags cite; absent: the network's (NET-R7). */
  rules?: Partial<Record<Detector, string>>;
}

/**
 * The network's rule on suspect traffic: whatever a program's terms say, the network flags
 * traffic that looks bought, automated, stuffed or self-made for the advertiser's review.
 */
export const SUSPECT_TRAFFIC_RULE = 'NET-R7';

/** The rule a detector's flag cites under these settings: the program's, else the network's. */
function ruleOf(settings: Pick<ComplianceSettings, 'rules'>, detector: Detector): string {
  return settings.rules?.[detector] ?? SUSPECT_TRAFFIC_RULE;
}

/** Conversions per hour beyond which each further one is flagged (NET-R5). */
export interface ConversionVelocityLimits {
  perClick: number;
  perIp: number;
  perSite: number;
}

/** The network's defaults for programs whose terms set no conversion velocity (NET-R5). */
export const DEFAULT_CONVERSION_VELOCITY: ConversionVelocityLimits = {
  perClick: 10,
  perIp: 30,
  perSite: 1_000,
};

/** What a click recorded (the stored click signals). */
export interface ClickEvidence {
  userAgent: string | null;
  referrerHost: string | null;
  secFetchDest: string | null;
  secFetchMode: string | null;
  secFetchUser: string | null;
  bot: boolean;
  paidMarkers: readonly string[];
  /** The mailing the click claims (`m=` on the link), '' for an email click naming none. */
  mailingId: string | null;
}

export interface MailingState {
  status: string;
  plannedSendAt: number;
  sendWindowEndsAt: number | null;
}

const SEARCH_AD_MARKERS = ['gclid', 'gbraid', 'wbraid', 'msclkid'];
const SHOPPING_MARKERS = ['srsltid'];
const SEARCH_AD_HOSTS = [/(^|\.)googleadservices\.com$/, /(^|\.)doubleclick\.net$/];
/** A marketplace's own pages: traffic from a seller's storefront there (AliExpress 10k). */
const MARKETPLACE_HOSTS = /(^|\.)aliexpress\.(com|ru|us)$/;

function matches(host: string | null, patterns: readonly RegExp[]): boolean {
  return host !== null && patterns.some((pattern) => pattern.test(host));
}

/**
 * Flags of one click. `velocity`: clicks from the same IP hash on the same site in the minute
 * up to and including this one. `mailing`: the claimed mailing (undefined when none claimed or
 * unknown).
 */
export function detectClick(
  click: ClickEvidence,
  context: { velocity: number; clickTimeMs: number; mailing: MailingState | undefined },
  settings: ComplianceSettings,
): Flag[] {
  const flags: Flag[] = [];
  const searchMarkers = click.paidMarkers.filter((m) => SEARCH_AD_MARKERS.includes(m));
  if (searchMarkers.length > 0 || matches(click.referrerHost, SEARCH_AD_HOSTS)) {
    flags.push({
      detector: 'paid_search',
      rule: ruleOf(settings, 'paid_search'),
      severity: 'high',
      evidence: { markers: searchMarkers, referrerHost: click.referrerHost },
    });
  }
  const shoppingMarkers = click.paidMarkers.filter((m) => SHOPPING_MARKERS.includes(m));
  if (
    shoppingMarkers.length > 0 ||
    (click.referrerHost !== null && /^shopping\.google\./.test(click.referrerHost))
  ) {
    flags.push({
      detector: 'google_shopping',
      rule: ruleOf(settings, 'google_shopping'),
      severity: 'high',
      evidence: { markers: shoppingMarkers, referrerHost: click.referrerHost },
    });
  }
  // A real click is a top-level navigation: an image, iframe or script load is cookie stuffing.
  if (
    (click.secFetchDest !== null && click.secFetchDest !== 'document') ||
    (click.secFetchMode !== null && click.secFetchMode !== 'navigate')
  ) {
    flags.push({
      detector: 'not_top_level',
      rule: ruleOf(settings, 'not_top_level'),
      severity: 'high',
      evidence: { secFetchDest: click.secFetchDest, secFetchMode: click.secFetchMode },
    });
  } else if (click.secFetchDest === 'document' && click.secFetchUser !== '?1') {
    // A navigation the visitor did not start: a pop-up, pop-under or hidden redirect chain.
    flags.push({
      detector: 'no_user_activation',
      rule: ruleOf(settings, 'no_user_activation'),
      severity: 'medium',
      evidence: {
        secFetchDest: click.secFetchDest,
        secFetchMode: click.secFetchMode,
        secFetchUser: click.secFetchUser,
        referrerHost: click.referrerHost,
      },
    });
  }
  if (click.bot) {
    flags.push({
      detector: 'bot',
      rule: ruleOf(settings, 'bot'),
      severity: 'medium',
      evidence: { userAgent: click.userAgent },
    });
  }
  if (context.velocity > settings.maxClicksPerMinutePerIp) {
    flags.push({
      detector: 'click_velocity',
      rule: ruleOf(settings, 'click_velocity'),
      severity: 'high',
      evidence: { clicksInAMinute: context.velocity, limit: settings.maxClicksPerMinutePerIp },
    });
  }
  if (matches(click.referrerHost, [MARKETPLACE_HOSTS])) {
    flags.push({
      detector: 'own_storefront',
      rule: ruleOf(settings, 'own_storefront'),
      severity: 'medium',
      evidence: { referrerHost: click.referrerHost },
    });
  }
  if (click.mailingId !== null) {
    const mailing = context.mailing;
    const problem =
      mailing === undefined
        ? 'no such mailing'
        : mailing.status !== 'approved'
          ? `mailing is ${mailing.status}`
          : context.clickTimeMs < mailing.plannedSendAt - 3_600_000
            ? 'before the approved send date'
            : mailing.sendWindowEndsAt !== null && context.clickTimeMs > mailing.sendWindowEndsAt
              ? 'after the send window'
              : undefined;
    if (problem !== undefined)
      flags.push({
        detector: 'email_without_approval',
        rule: ruleOf(settings, 'email_without_approval'),
        severity: 'high',
        evidence: { mailing: click.mailingId || null, problem },
      });
  }
  return flags;
}

/**
 * The flags a click alone shows (no look-back, no mailing) that hold its orders under the
 * program's `hold` list: what the order's first report can know before any scan runs, so a
 * stuffed cookie's order is held from the moment it is reported, never approved first.
 */
export function holdingClickFlags(click: ClickEvidence, settings: ComplianceSettings): Flag[] {
  return detectClick(
    { ...click, mailingId: null },
    { velocity: 1, clickTimeMs: 0, mailing: undefined },
    settings,
  ).filter((flag) => settings.hold.includes(flag.detector));
}

/** Flags of one conversion: how soon after its click, and whether the buyer is the publisher. */
export function detectConversion(
  conversion: {
    clickTimeMs: number;
    placedAtMs: number;
    clickIpHash: string | null;
    /** IP hashes the publisher's own users logged in from. */
    publisherIpHashes: ReadonlySet<string>;
  },
  settings: ComplianceSettings,
): Flag[] {
  const flags: Flag[] = [];
  const seconds = (conversion.placedAtMs - conversion.clickTimeMs) / 1000;
  if (seconds >= 0 && seconds < settings.minSecondsToConversion) {
    flags.push({
      detector: 'fast_conversion',
      rule: ruleOf(settings, 'fast_conversion'),
      severity: 'medium',
      evidence: {
        secondsAfterClick: Math.round(seconds * 10) / 10,
        minimum: settings.minSecondsToConversion,
      },
    });
  }
  if (conversion.clickIpHash !== null && conversion.publisherIpHashes.has(conversion.clickIpHash)) {
    flags.push({
      detector: 'self_purchase',
      rule: ruleOf(settings, 'self_purchase'),
      severity: 'high',
      evidence: {
        ipHash: conversion.clickIpHash,
        note: 'the click came from an address the publisher logs in from',
      },
    });
  }
  return flags;
}

/** A site's hour of many clicks and no order (10c), from the hourly rollups. */
export function detectBurst(
  hour: { clicks: number; orders: number },
  settings: ComplianceSettings,
): Flag | undefined {
  if (hour.clicks < settings.burstClicksPerHour || hour.orders > 0) return undefined;
  return {
    detector: 'click_burst',
    rule: ruleOf(settings, 'click_burst'),
    severity: 'medium',
    evidence: { clicks: hour.clicks, orders: hour.orders, threshold: settings.burstClicksPerHour },
  };
}

/**
 * A conversion beyond its event's per-click limit (NET-R4): `conversionsOnClick` counts this
 * one with those the click earned before it.
 */
export function detectOverLimit(
  event: { id: string; perClick: number },
  conversionsOnClick: number,
): Flag | undefined {
  if (conversionsOnClick <= event.perClick) return undefined;
  return {
    detector: 'conversion_limit',
    rule: 'NET-R4',
    severity: 'high',
    evidence: { event: event.id, conversionsOnClick, limit: event.perClick },
  };
}

/**
 * Flags of a conversion reported faster than the program allows (NET-R5): `counts` are the
 * conversions in the hour up to and including this one, from its click, from clicks of its
 * click's IP hash (null when the click kept none) and from its site. One flag per limit passed.
 */
export function detectConversionVelocity(
  counts: { perClick: number; perIp: number | null; perSite: number },
  limits: ConversionVelocityLimits,
): Flag[] {
  const flags: Flag[] = [];
  for (const per of ['perClick', 'perIp', 'perSite'] as const) {
    const count = counts[per];
    if (count === null || count <= limits[per]) continue;
    flags.push({
      detector: 'conversion_velocity',
      rule: 'NET-R5',
      severity: 'high',
      evidence: {
        per: per === 'perClick' ? 'click' : per === 'perIp' ? 'ip' : 'site',
        conversionsInAnHour: count,
        limit: limits[per],
      },
    });
  }
  return flags;
}
