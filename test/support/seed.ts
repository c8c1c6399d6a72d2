import { readFileSync } from 'node:fs';
import type { Store } from '../../src/storage/database.js';
import { AdvertisersRepository } from '../../src/storage/repositories/advertisers-repository.js';
import { ProgramsRepository } from '../../src/storage/repositories/programs-repository.js';
import { PublishersRepository } from '../../src/storage/repositories/publishers-repository.js';
import { aliexpress, ALIEXPRESS_PATH } from './terms.js';

export const NOW = Date.UTC(2026, 9, 5, 12);

/** An advertiser running the AliExpress program and one publisher with one site. */
export async function seedNetwork(store: Store, nowMs = NOW) {
  const advertiser = await new AdvertisersRepository(store.db).create(
    { name: 'AliExpress' },
    nowMs,
  );
  const { program, termsId } = await new ProgramsRepository(store.db).upsertFromTerms(
    aliexpress,
    readFileSync(ALIEXPRESS_PATH, 'utf8'),
    advertiser.id,
    nowMs,
    null,
  );
  const publishers = new PublishersRepository(store.db);
  const publisher = await publishers.create({ name: 'Deals NL', country: 'NL' }, nowMs);
  const site = await publishers.addSite(
    publisher.id,
    { name: 'Deals', url: 'https://deals.example.nl' },
    nowMs,
  );
  return { advertiser, program, termsId, publisher, site };
}
