import { z } from 'zod';
import { defineRoute, type RouteContract } from './contract.js';
import { queryText, requiredQueryText } from './params.js';

/**
 * The tracking endpoints as the API document describes them (issue 27, item 2): `/click` and
 * `/report` keep Tradedoubler's URL shapes and are read by a tolerant reader
 * (`src/tracking/tradedoubler-query.ts`: any case, the parenthesised form `o(…)ordnum(…)`), so
 * they are registered by hand in `click-route.ts` and `conversion-routes.ts` and documented here
 * with their usual parameters. docs/tracking.md has every form.
 */
export const TRACKING_ENDPOINTS = {
  getClick: defineRoute({
    method: 'get',
    path: '/click',
    tag: 'Tracking',
    summary:
      'A publisher’s link: records the click, then 302 to the landing URL (or the allowed deep link) with tduid=<signed click id> and the session cookie',
    auth: 'none',
    query: z.object({
      p: requiredQueryText('p: the program id', 'The program id (prg_…)', 64),
      a: requiredQueryText('a: the site id', 'The publisher’s site id (sit_…)', 64),
      g: queryText('The ad id (ad_…); the program’s default text link when absent', 64),
      epi: queryText('The publisher’s own sub id, kept with the click and its orders'),
      epi2: queryText('A second sub id of the publisher'),
      url: queryText(
        'A deep link: an http(s) address on one of the program’s deeplink domains (else the landing URL)',
        2048,
      ),
    }),
    answers: {
      302: 'To the landing URL (or the deep link) with tduid=…, and the session cookie affnet_<programId>',
      400: 'A link without p or a, or a malformed one (incomplete_link, broken_link; an HTML page, or JSON when asked)',
      404: 'Unknown program or site, or a program the network has not approved (an HTML page, or JSON when asked)',
    },
  }),
  getReport: defineRoute({
    method: 'get',
    path: '/report',
    tag: 'Tracking',
    summary:
      'The conversion pixel (browser or server to server): creates a pending order; anonymous, so it answers nothing about the order',
    auth: 'none',
    query: z.object({
      organization: requiredQueryText('organization: the program id', 'The program id (prg_…)', 64),
      event: queryText(
        'The conversion event id of the program’s terms (a sale or a lead event); an undeclared event earns nothing (unknown_event)',
        64,
      ),
      orderNumber: queryText('The order number (a sale); or leadNumber for a lead', 200),
      leadNumber: queryText('The lead number (a lead event, paid only with a checksum)', 200),
      orderValue: queryText('The commissionable amount, a decimal such as 249.95', 32),
      currency: queryText('ISO 4217 currency of the order (EUR)', 3),
      tduid: queryText(
        'The click id from the landing URL; without it the session cookie attributes',
        200,
      ),
      voucher: queryText('Voucher codes used, comma-separated'),
      reportInfo: queryText(
        'Product lines, URL-encoded: f1=sku&f2=name&f3=price&f4=qty (f5 category, f6 seller country, f7 store), lines joined by |',
        100_000,
      ),
      checksum: queryText(
        'With a checksum secret: v04 + md5(secret + orderNumber or leadNumber + orderValue), or v05 + HMAC-SHA256 over every priced field (docs/tracking.md); missing or wrong: stored, earns nothing (checksum_mismatch)',
        80,
      ),
      type: queryText('iframe: answer an empty HTML page instead of the GIF', 16),
    }),
    answers: {
      200: {
        description: 'Accepted: a 1×1 GIF (or, with type=iframe, an empty page)',
        types: ['image/gif', 'text/html'],
      },
      202: {
        description: 'Accepted (with Accept: application/json)',
        schema: z.object({ status: z.literal('accepted') }),
      },
      400: 'A required parameter missing or malformed (invalid_parameter), or a forged click id (invalid_click_id)',
      404: 'No such program (unknown_program)',
      409: 'The order number was already reported differently (report_refused), or the program is not approved (program_not_approved)',
    },
  }),
} as const satisfies Record<string, RouteContract>;
