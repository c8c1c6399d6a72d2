import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';

/**
 * The terms of a newcomer's program (Lampenhuis, rule prefix LH), written from the bundled
 * Kabelkoning example as an advertiser would adapt it: its own id, name, advertiser, landing
 * URL, deeplink domain, brand and rule ids.
 */
export async function lampenhuisTerms(landingUrl = 'https://www.lampenhuis.example/welkom') {
  return (await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8'))
    .replace(/^id: kabelkoning$/m, 'id: lampenhuis')
    .replace(/^name: Kabelkoning$/m, 'name: Lampenhuis')
    .replace(/^advertiser: .*$/m, 'advertiser: Lampenhuis B.V.')
    .replace(/^landingUrl: .*$/m, `landingUrl: ${landingUrl}`)
    .replace(/domains: \[kabelkoning\.example\]/, 'domains: [lampenhuis.example]')
    .replace(/brands: \[kabelkoning\]/, 'brands: [lampenhuis]')
    .replace(/rulePrefix: KK/, 'rulePrefix: LH')
    .replace(/KK-/g, 'LH-');
}
