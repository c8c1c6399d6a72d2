import { describe, expect, it } from 'vitest';
import {
  detectBurst,
  detectClick,
  detectConversion,
  type ClickEvidence,
} from '../../../src/domain/compliance/detect-traffic.js';
import {
  DEFAULT_CONVERSION_VELOCITY,
  DEFAULT_HOLD_DETECTORS,
  detectConversionVelocity,
  detectOverLimit,
  holdingClickFlags,
  holdingDetectors,
} from '../../../src/domain/compliance/detect-traffic.js';
import { claimedMailing, readClickSignals } from '../../../src/tracking/click-signals.js';
import { aliexpress } from '../../support/terms.js';

const settings = {
  maxClicksPerMinutePerIp: 10,
  burstClicksPerHour: 500,
  minSecondsToConversion: 10,
  maxConversionsPerHour: DEFAULT_CONVERSION_VELOCITY,
  hold: DEFAULT_HOLD_DETECTORS,
  // AliExpress's rules for its detectors (its terms' compliance.rules, SPEC P).
  rules: aliexpress.file.compliance.rules,
};
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** Headers as Chrome sends them when a visitor clicks a link on a publisher's page. */
const userClick = {
  'user-agent': CHROME,
  referer: 'https://www.kortingkiezer.nl/aliexpress-kortingscode',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'cross-site',
  'sec-fetch-user': '?1',
};

function detect(
  headers: Record<string, string>,
  url: string,
  extra: Partial<{ velocity: number }> = {},
) {
  const query = Object.fromEntries(new URL(url, 'https://track.example').searchParams);
  const signals: ClickEvidence = readClickSignals({ headers, query }, claimedMailing(query));
  return detectClick(
    signals,
    { velocity: extra.velocity ?? 1, clickTimeMs: Date.UTC(2026, 10, 20), mailing: undefined },
    settings,
  ).map((flag) => `${flag.detector} ${flag.rule} ${flag.severity}`);
}

describe('click detectors (AE-P1, P2, P4)', () => {
  it.each<[string, Record<string, string>, string, string[]]>([
    ['a visitor clicking a link on a content site', userClick, '/click?p=prg&a=sit&g=ad', []],
    [
      'Google Ads auto-tagging (gclid)',
      userClick,
      '/click?p=prg&a=sit&g=ad&gclid=Cj0KCQiA5rGuBhCnARIsAN11vgS',
      ['paid_search AE-P2 high'],
    ],
    [
      'Google Ads app campaign (gbraid)',
      userClick,
      '/click?p=prg&a=sit&g=ad&gbraid=0AAAAAoU3D',
      ['paid_search AE-P2 high'],
    ],
    [
      'Microsoft Ads (msclkid)',
      userClick,
      '/click?p=prg&a=sit&g=ad&msclkid=6b8c2f9c1f3a1e0d',
      ['paid_search AE-P2 high'],
    ],
    [
      'search ad referrer',
      { ...userClick, referer: 'https://www.googleadservices.com/pagead/aclk?sa=L&ai=DChcSEwj' },
      '/click?p=prg&a=sit&g=ad',
      ['paid_search AE-P2 high'],
    ],
    [
      'Google Shopping (srsltid)',
      userClick,
      '/click?p=prg&a=sit&g=ad&srsltid=AfmBOopQ3',
      ['google_shopping AE-P2 high'],
    ],
    [
      'an <img> pixel stuffing the cookie',
      {
        'user-agent': CHROME,
        referer: 'https://stuffer.example/',
        'sec-fetch-dest': 'image',
        'sec-fetch-mode': 'no-cors',
        'sec-fetch-site': 'cross-site',
      },
      '/click?p=prg&a=sit&g=ad',
      ['not_top_level AE-P4 high'],
    ],
    [
      'a hidden iframe',
      {
        'user-agent': CHROME,
        'sec-fetch-dest': 'iframe',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-site': 'cross-site',
      },
      '/click?p=prg&a=sit&g=ad',
      ['not_top_level AE-P4 high'],
    ],
    [
      'a pop-under opened without a user gesture',
      {
        'user-agent': CHROME,
        referer: 'https://popads.example/',
        'sec-fetch-dest': 'document',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-site': 'cross-site',
      },
      '/click?p=prg&a=sit&g=ad',
      ['no_user_activation AE-P4 medium'],
    ],
    [
      'Googlebot',
      { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      '/click?p=prg&a=sit&g=ad',
      ['bot AE-P4 medium'],
    ],
    ['no user agent at all', {}, '/click?p=prg&a=sit&g=ad', ['bot AE-P4 medium']],
    [
      'a seller linking from their AliExpress store',
      { ...userClick, referer: 'https://www.aliexpress.com/store/1102345678' },
      '/click?p=prg&a=sit&g=ad',
      ['own_storefront AE-P4 medium'],
    ],
    [
      'an email click naming no approved mailing',
      userClick,
      '/click?p=prg&a=sit&g=ad&utm_medium=email',
      ['email_without_approval AE-P1 high'],
    ],
    [
      'Safari before 16.4 sends no Sec-Fetch headers',
      {
        'user-agent':
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15',
        referer: 'https://www.kortingkiezer.nl/',
      },
      '/click?p=prg&a=sit&g=ad',
      [],
    ],
  ])('%s', (_what, headers, url, expected) => {
    expect(detect(headers, url)).toEqual(expected);
  });

  it('flags a burst of clicks from one address', () => {
    expect(detect(userClick, '/click?p=prg&a=sit&g=ad', { velocity: 10 })).toEqual([]);
    expect(detect(userClick, '/click?p=prg&a=sit&g=ad', { velocity: 11 })).toEqual([
      'click_velocity AE-P4 high',
    ]);
  });

  it('checks a claimed mailing against its approval and send window', () => {
    const click = readClickSignals({ headers: userClick, query: { m: 'mal_1' } }, 'mal_1');
    const at = Date.UTC(2026, 10, 20, 12);
    const check = (
      mailing:
        { status: string; plannedSendAt: number; sendWindowEndsAt: number | null } | undefined,
      time = at,
    ) =>
      detectClick(click, { velocity: 1, clickTimeMs: time, mailing }, settings).map(
        (f) => f.evidence.problem,
      );
    const approved = {
      status: 'approved',
      plannedSendAt: at - 3_600_000,
      sendWindowEndsAt: at + 86_400_000,
    };
    expect(check(approved)).toEqual([]);
    expect(check(undefined)).toEqual(['no such mailing']);
    expect(check({ ...approved, status: 'submitted' })).toEqual(['mailing is submitted']);
    expect(check(approved, at + 2 * 86_400_000)).toEqual(['after the send window']);
    expect(check(approved, at - 3 * 3_600_000)).toEqual(['before the approved send date']);
  });
});

describe('conversion detectors', () => {
  const base = {
    clickTimeMs: 1_000_000,
    clickIpHash: 'hash-a',
    publisherIpHashes: new Set(['hash-z']),
  };
  it.each([
    [3_000, ['fast_conversion']],
    [9_999, ['fast_conversion']],
    [10_000, []],
    [600_000, []],
  ])('an order %d ms after its click', (after, expected) => {
    expect(
      detectConversion({ ...base, placedAtMs: base.clickTimeMs + after }, settings).map(
        (f) => f.detector,
      ),
    ).toEqual(expected);
  });

  it('flags a purchase through the publisher’s own link (10j)', () => {
    const flags = detectConversion(
      { ...base, placedAtMs: base.clickTimeMs + 3_600_000, publisherIpHashes: new Set(['hash-a']) },
      settings,
    );
    expect(flags).toMatchObject([{ detector: 'self_purchase', rule: 'AE-P4', severity: 'high' }]);
  });

  it('cites the program’s own rule, or the network’s NET-R7 where its terms name none', () => {
    const kabelkoning = { ...settings, rules: { paid_search: 'KK-P3' } };
    const click = readClickSignals(
      { headers: { ...userClick }, query: { gclid: 'x' } },
      claimedMailing({}),
    );
    const context = { velocity: 99, clickTimeMs: 0, mailing: undefined };
    expect(detectClick(click, context, kabelkoning).map((f) => `${f.detector} ${f.rule}`)).toEqual([
      'paid_search KK-P3',
      'click_velocity NET-R7',
    ]);
    expect(detectBurst({ clicks: 800, orders: 0 }, { ...settings, rules: {} })?.rule).toBe(
      'NET-R7',
    );
  });

  it('flags an hour of many clicks and no order', () => {
    expect(detectBurst({ clicks: 800, orders: 0 }, settings)).toMatchObject({
      detector: 'click_burst',
    });
    expect(detectBurst({ clicks: 800, orders: 1 }, settings)).toBeUndefined();
    expect(detectBurst({ clicks: 20, orders: 0 }, settings)).toBeUndefined();
  });
});

describe('flags that hold an order from its first report', () => {
  const signals = (headers: Record<string, string>, url = '/click?p=1&a=2') =>
    readClickSignals(
      {
        headers: { 'user-agent': CHROME, ...headers },
        query: Object.fromEntries(new URL(url, 'https://t.example').searchParams),
      },
      null,
    );
  it('holds an image-loaded click (cookie stuffing) and a paid-search click', () => {
    expect(
      holdingClickFlags(
        signals({ 'sec-fetch-dest': 'image', 'sec-fetch-mode': 'no-cors' }),
        settings,
      ).map((f) => f.detector),
    ).toEqual(['not_top_level']);
    expect(
      holdingClickFlags(signals({}, '/click?p=1&a=2&gclid=x'), settings).map((f) => f.detector),
    ).toEqual(['paid_search']);
  });
  it('does not hold a real navigation, nor a detector the program only flags', () => {
    expect(
      holdingClickFlags(
        signals({
          'sec-fetch-dest': 'document',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-user': '?1',
        }),
        settings,
      ),
    ).toEqual([]);
    expect(
      holdingClickFlags(signals({ 'sec-fetch-dest': 'image' }), {
        ...settings,
        hold: ['paid_search'],
      }),
    ).toEqual([]);
  });
});

describe('conversions beyond the terms and the network (NET-R4, NET-R5)', () => {
  it("flags a conversion beyond its event's per-click limit, and holds it whatever the hold list says", () => {
    const lead = { id: '2', perClick: 1 };
    expect(detectOverLimit(lead, 1)).toBeUndefined();
    expect(detectOverLimit(lead, 2)).toEqual({
      detector: 'conversion_limit',
      rule: 'NET-R4',
      severity: 'high',
      evidence: { event: '2', conversionsOnClick: 2, limit: 1 },
    });
    expect(detectOverLimit({ id: '1', perClick: Infinity }, 5_000)).toBeUndefined();
    expect(holdingDetectors({ hold: [] })).toEqual(['conversion_limit']);
    expect(holdingDetectors({ hold: ['paid_search', 'conversion_limit'] })).toEqual([
      'paid_search',
      'conversion_limit',
    ]);
  });

  it('flags each limit an hour of conversions passes: per click, per IP hash, per site', () => {
    const limits = { perClick: 2, perIp: 3, perSite: 4 };
    expect(detectConversionVelocity({ perClick: 2, perIp: 3, perSite: 4 }, limits)).toEqual([]);
    expect(detectConversionVelocity({ perClick: 1, perIp: null, perSite: 4 }, limits)).toEqual([]);
    expect(
      detectConversionVelocity({ perClick: 3, perIp: 4, perSite: 5 }, limits).map(
        (flag) => flag.evidence,
      ),
    ).toEqual([
      { per: 'click', conversionsInAnHour: 3, limit: 2 },
      { per: 'ip', conversionsInAnHour: 4, limit: 3 },
      { per: 'site', conversionsInAnHour: 5, limit: 4 },
    ]);
    expect(DEFAULT_HOLD_DETECTORS).toContain('conversion_velocity');
  });
});
