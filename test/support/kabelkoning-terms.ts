import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import type { DemoProgram } from '../../src/bootstrap/create-demo-network.js';
import { adminToken, reviewProgram, type TestNetwork } from './network.js';
import { client } from './web-client.js';

/** The bundled Kabelkoning terms file, as its advertiser starts from it. */
export function kabelkoningTerms(): Promise<string> {
  return readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8');
}

/** A terms version to append to the Kabelkoning file: one group for every category. */
export interface KabelkoningVersion {
  id: string;
  /** An instant in milliseconds, or the text of a date or an instant. */
  effectiveFrom: number | string;
  /** The rate of its one commission group (rule KK-C1). */
  rate: string;
  /** Its own voucher-code attribution mode, if it sets one. */
  voucherCodes?: 'none' | 'fallback' | 'wins';
}

/** `source` (the Kabelkoning file or a change of it) with `version` appended as its last. */
export function withVersion(source: string, version: KabelkoningVersion): string {
  const from =
    typeof version.effectiveFrom === 'number'
      ? new Date(version.effectiveFrom).toISOString()
      : version.effectiveFrom;
  const attribution =
    version.voucherCodes === undefined
      ? ''
      : `    attribution: { voucherCodes: ${version.voucherCodes} }\n`;
  return (
    `${source.trimEnd()}\n  - id: '${version.id}'\n    effectiveFrom: '${from}'\n` +
    `    orderCurrencies: [EUR]\n${attribution}    commission:\n      groups:\n` +
    `        - { id: electronics, name: Alles, rate: '${version.rate}', rule: KK-C1 }\n`
  );
}

/**
 * The demo's Kabelkoning program as its advertiser drives it over the API, on the network
 * `t()` gives (read when called, so a suite may start it in `beforeAll`): publish terms,
 * report an order of one 100.00 EUR cable.
 */
export function kabelkoningApi(t: () => TestNetwork) {
  const shop = (): DemoProgram =>
    t().demo.programs.find((program) => program.slug === 'kabelkoning')!;
  const auth = () => ({ authorization: `Bearer ${shop().advertiserApiKey}` });
  return {
    shop,
    auth,
    /** PUT of a terms file, answered as it is. */
    putTerms: (yaml: string) =>
      t().app.inject({
        method: 'PUT',
        url: `/api/v1/programs/${shop().programId}/terms`,
        headers: { ...auth(), 'content-type': 'text/yaml' },
        payload: yaml,
      }),
    /** A pending order placed at `placedAtMs`, with `more` fields (vouchers, a click). */
    reportCable: (orderNumber: string, placedAtMs: number, more: Record<string, unknown> = {}) =>
      t().app.inject({
        method: 'POST',
        url: `/api/v1/programs/${shop().programId}/orders`,
        headers: auth(),
        payload: {
          orderNumber,
          placedAt: new Date(placedAtMs).toISOString(),
          currency: 'EUR',
          status: 'pending',
          ...more,
          items: [{ sku: 'K1', category: 'kabels', unitPrice: '100.00', quantity: 1 }],
        },
      }),
  };
}

/** Another shop's program made from the Kabelkoning file: its id and name, its landing page. */
export interface ExampleProgram {
  id: string;
  name: string;
  /** Its host without `www.` is the program's deeplink domain. */
  landingUrl: string;
  /** YAML appended to the file (a file-wide setting). */
  extra?: string;
}

/**
 * A program the demo advertiser creates in its console from the Kabelkoning file renamed to
 * `program`, approved by the network admin: its id.
 */
export async function createExampleProgram(t: TestNetwork, program: ExampleProgram) {
  const advertiser = client(t);
  await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
  await advertiser.get('/advertiser/programs/new');
  const domain = new URL(program.landingUrl).hostname.replace(/^www\./, '');
  const terms = (await kabelkoningTerms())
    .replace(/^id: kabelkoning$/m, `id: ${program.id}`)
    .replace(/^name: Kabelkoning$/m, `name: ${program.name}`)
    .replace(/^landingUrl: .*$/m, `landingUrl: ${program.landingUrl}`)
    .replace(/domains: \[kabelkoning\.example\]/, `domains: [${domain}]`);
  const created = await advertiser.post('/advertiser/programs/new', {
    terms: `${terms}${program.extra ?? ''}`,
    action: 'create',
  });
  expect(created.statusCode, created.body).toBe(303);
  const programId = /\/advertiser\/terms\/(prg_[\w-]+)/.exec(String(created.headers.location))![1]!;
  await reviewProgram(t, await adminToken(t), programId, 'approved');
  return programId;
}
