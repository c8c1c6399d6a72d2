import { readFileSync } from 'node:fs';
import type { Store } from '../../src/storage/database.js';
import { stringify } from 'yaml';
import { compileTermsOrThrow } from '../../src/domain/terms/compile-terms.js';
import { aliexpress, aliexpressDocument, ALIEXPRESS_PATH } from './terms.js';
import { InvoicingDetailsService } from '../../src/services/invoicing-details-service.js';
import { repos } from '../../src/storage/repositories/repos.js';

export const NOW = Date.UTC(2026, 9, 5, 12);

/** The network's invoicing details: statements are self-billing invoices that name it. */
export const NETWORK_INVOICING = {
  legalName: 'Test Network B.V.',
  street: 'Damrak 1',
  postalCode: '1012 LG',
  city: 'Amsterdam',
  country: 'NL',
  vatNumber: 'NL000099998B57',
  cocNumber: '87654321',
};

/** An advertiser running the AliExpress program and one publisher with one site. */
export async function seedNetwork(store: Store, nowMs = NOW) {
  const advertiser = await repos(store).advertisers.create({ name: 'AliExpress' }, nowMs);
  const { program, termsId } = await repos(store).programs.upsertFromTerms(
    aliexpress,
    readFileSync(ALIEXPRESS_PATH, 'utf8'),
    advertiser.id,
    nowMs,
    null,
  );
  await new InvoicingDetailsService(store).setNetwork(NETWORK_INVOICING, 'system:test', nowMs);
  const publishers = repos(store).publishers;
  const publisher = await publishers.create({ name: 'Deals NL', country: 'NL' }, nowMs);
  const site = await publishers.addSite(
    publisher.id,
    { name: 'Deals', url: 'https://deals.example.nl' },
    nowMs,
  );
  return { advertiser, program, termsId, publisher, site };
}

/**
 * Another program of the seeded advertiser: the AliExpress terms under `id`, changed by
 * `change`; answers the seeded network on it (for reportOrder) and its compiled terms.
 */
export async function addProgram(
  store: Store,
  seeded: Awaited<ReturnType<typeof seedNetwork>>,
  id: string,
  change: (file: Record<string, unknown>) => void = () => {},
) {
  const file = aliexpressDocument();
  file.id = id;
  change(file);
  const terms = compileTermsOrThrow(file, id);
  const { program, termsId } = await repos(store).programs.upsertFromTerms(
    terms,
    stringify(file),
    seeded.advertiser.id,
    seeded.program.created_at,
    null,
  );
  return { seeded: { ...seeded, program, termsId }, terms };
}
