import { createHmac } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { UsersRepository } from '../storage/repositories/users-repository.js';
import { InvoicingDetailsService } from '../services/invoicing-details-service.js';
import { AdvertiserInvoicingService } from '../services/advertiser-invoicing-service.js';
import { ApiKeys } from '../auth/api-keys.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { loadPrograms } from './bootstrap.js';
import { repos } from '../storage/repositories/repos.js';

/** One of the demo's programs: its click URL (the demo site is approved), page and key. */
export interface DemoProgram {
  programId: string;
  slug: string;
  adId: string;
  clickUrl: string;
  programUrl: string;
  advertiserApiKey: string;
  advertiser: { email: string; password: string };
}

/** The two bundled programs the demo sets up: AliExpress first (the fields below are its). */
export const DEMO_PROGRAMS = ['aliexpress', 'kabelkoning'] as const;

export interface DemoNetwork {
  programs: DemoProgram[];
  programId: string;
  siteId: string;
  adId: string;
  clickUrl: string;
  programUrl: string;
  advertiserApiKey: string;
  publisher: { email: string; password: string };
  advertiser: { email: string; password: string };
}

const PUBLISHER_EMAIL = 'publisher@demo.affnet.local';
const ADVERTISER_EMAIL = 'advertiser@demo.affnet.local';

/**
 * Demo credentials are derived from the network secret, so `affnet demo` prints the same
 * working ones every time while the store keeps only hashes.
 */
function derived(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`affnet demo ${purpose}`).digest();
}

/**
 * Creates (or finds) the demo network: the bundled programs (AliExpress and the Dutch webshop
 * Kabelkoning), an advertiser login and API key for each, and one publisher whose site is
 * approved in both, with an ad per program.
 */
const DEMO_NETWORK_INVOICING = {
  legalName: 'Demo Affiliate Network B.V.',
  street: 'Keizersgracht 100',
  postalCode: '1015 CV',
  city: 'Amsterdam',
  country: 'NL',
  vatNumber: 'NL000099998B57',
  cocNumber: '12345678',
};

const DEMO_PUBLISHER_INVOICING = {
  legalName: 'Demo Deals',
  street: 'Oudegracht 1',
  postalCode: '3511 AA',
  city: 'Utrecht',
  country: 'NL',
};

/**
 * The demo advertisers' invoicing details, by program: AliExpress contracts from Singapore (its
 * terms name Singapore E-Commerce Private Limited), so its invoices are outside the scope of EU
 * VAT; Kabelkoning is Dutch, so its invoices carry Dutch VAT.
 */
const DEMO_ADVERTISER_INVOICING: Readonly<Record<string, Record<string, string>>> = {
  aliexpress: {
    legalName: 'Singapore E-Commerce Private Limited',
    street: '51 Bras Basah Road',
    postalCode: '189554',
    city: 'Singapore',
    country: 'SG',
  },
  kabelkoning: {
    legalName: 'Kabelkoning B.V.',
    street: 'Industrieweg 1',
    postalCode: '3542 AD',
    city: 'Utrecht',
    country: 'NL',
  },
};

export async function createDemoNetwork(
  store: Store,
  secret: string,
  nowMs: number,
): Promise<DemoNetwork> {
  const loaded = await loadPrograms(store, nowMs);
  const programs = DEMO_PROGRAMS.map((slug) => {
    const program = loaded.find((candidate) => candidate.slug === slug);
    if (program === undefined)
      throw new Error(`programs/${slug}.yaml is missing: the demo runs the bundled programs`);
    return program;
  });
  const users = repos(store).users;
  const publishers = repos(store).publishers;
  const memberships = repos(store).memberships;

  const publisherPassword = derived(secret, 'publisher password')
    .toString('base64url')
    .slice(0, 20);

  let publisherUser = await users.findByEmail(PUBLISHER_EMAIL);
  let publisherId = publisherUser?.publisher_id ?? undefined;
  if (publisherId === undefined) {
    publisherId = (
      await publishers.create(
        { name: 'Demo Deals', country: 'NL', promotionMethods: ['content_sites', 'voucher_codes'] },
        nowMs,
      )
    ).id;
  }
  publisherUser = await ensureUser(
    users,
    PUBLISHER_EMAIL,
    publisherPassword,
    { role: 'publisher', name: 'Demo publisher', publisherId },
    nowMs,
  );

  // Statements are self-billing invoices: the demo network and publisher have their details
  // (the network's VAT number is the Dutch tax office's published test number).
  const invoicing = new InvoicingDetailsService(store);
  if ((await invoicing.network()) === undefined)
    await invoicing.setNetwork(DEMO_NETWORK_INVOICING, 'system:demo', nowMs);
  if ((await invoicing.ofPublisher(publisherId)).street === null)
    await invoicing.setPublisher(publisherId, DEMO_PUBLISHER_INVOICING, 'system:demo', nowMs);

  let site = await publishers.anySiteOf(publisherId);
  site ??= await publishers.addSite(
    publisherId,
    {
      name: 'Demo Deals',
      url: 'https://deals.demo.affnet.local',
      promotionMethods: ['content_sites'],
    },
    nowMs,
  );

  const demoPrograms: DemoProgram[] = [];
  for (const program of programs) {
    // AliExpress keeps the demo's first logins and key (they are in docs and scripts).
    const first = program.slug === DEMO_PROGRAMS[0];
    const purpose = first ? '' : ` ${program.slug}`;
    const advertiser = {
      email: first ? ADVERTISER_EMAIL : `advertiser+${program.slug}@demo.affnet.local`,
      password: derived(secret, `advertiser password${purpose}`).toString('base64url').slice(0, 20),
    };
    await ensureUser(
      users,
      advertiser.email,
      advertiser.password,
      {
        role: 'advertiser',
        name: `Demo advertiser (${program.name})`,
        advertiserId: program.advertiser_id,
      },
      nowMs,
    );
    const advertiserInvoicing = new AdvertiserInvoicingService(store);
    const details = DEMO_ADVERTISER_INVOICING[program.slug];
    if (
      details !== undefined &&
      (await advertiserInvoicing.view(program.advertiser_id, nowMs)).country === null
    )
      await advertiserInvoicing.set(program.advertiser_id, details, 'system:demo', nowMs);
    let membership = await memberships.find(program.id, site.id);
    membership ??= await memberships.apply(
      {
        programId: program.id,
        siteId: site.id,
        publisherId,
        promotionMethods: ['content_sites'],
        contentCategories: [],
      },
      nowMs,
    );
    if (membership.status !== 'approved')
      await memberships.decide(membership.id, 'approved', 'demo', 'demo', nowMs);
    const adName = `${program.name} text link`;
    // The program's default ad (created with it); a demo stored before had its own.
    const ad =
      (await memberships.findAd(program.id, program.name)) ??
      (await memberships.findAd(program.id, adName)) ??
      (await memberships.createAd(
        { programId: program.id, name: adName, kind: 'text', content: `Shop at ${program.name}` },
        nowMs,
      ));
    demoPrograms.push({
      programId: program.id,
      slug: program.slug,
      adId: ad.id,
      clickUrl: `/click?p=${program.id}&a=${site.id}&g=${ad.id}`,
      programUrl: `/programs/${program.slug}`,
      advertiserApiKey: await ensureDemoApiKey(
        store,
        secret,
        program.advertiser_id,
        purpose,
        nowMs,
      ),
      advertiser,
    });
  }
  const main = demoPrograms[0]!;
  return {
    programs: demoPrograms,
    programId: main.programId,
    siteId: site.id,
    adId: main.adId,
    clickUrl: main.clickUrl,
    programUrl: main.programUrl,
    advertiserApiKey: main.advertiserApiKey,
    publisher: { email: PUBLISHER_EMAIL, password: publisherPassword },
    advertiser: main.advertiser,
  };
}

async function ensureUser(
  users: UsersRepository,
  email: string,
  password: string,
  input: {
    role: 'advertiser' | 'publisher';
    name: string;
    advertiserId?: string;
    publisherId?: string;
  },
  nowMs: number,
) {
  const existing = await users.findByEmail(email);
  if (existing === undefined)
    return users.create({ email, passwordHash: await hashPassword(password), ...input }, nowMs);
  if (
    existing.password_hash === null ||
    !(await verifyPassword(existing.password_hash, password))
  ) {
    await users.setPassword(existing.id, await hashPassword(password));
  }
  return existing;
}

async function ensureDemoApiKey(
  store: Store,
  secret: string,
  advertiserId: string,
  purpose: string,
  nowMs: number,
): Promise<string> {
  const prefix = derived(secret, `api key prefix${purpose}`).toString('hex').slice(0, 10);
  const key = `ak_${prefix}_${derived(secret, `api key${purpose}`).toString('base64url')}`;
  await new ApiKeys(store).register(advertiserId, key, 'demo', null, nowMs);
  return key;
}
