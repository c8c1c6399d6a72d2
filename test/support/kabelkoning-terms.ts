import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import type { DemoProgram } from '../../src/bootstrap/create-demo-network.js';
import type { TestNetwork } from './network.js';

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
