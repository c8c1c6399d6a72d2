import type { Membership } from '../storage/repositories/memberships-repository.js';

/** A brand hit of an application's screening (AE-P5), as stored. */
export interface ApplicationBrandMatch {
  brand: string;
  kind: string;
  field: string;
  found: string;
}

/** Written consent to an application's brand hits (AE-P5). */
export interface BrandConsent {
  text: string;
  by: string;
  at: string;
}

/** An application (membership) as its decision or the publisher's applying answers it. */
export interface MembershipView {
  id: string;
  programId: string;
  siteId: string;
  publisherId: string;
  /** pending, approved, rejected, suspended. */
  status: string;
  reason: string | null;
}

/** One of a publisher's applications, with the program's and the site's names. */
export interface PublisherApplicationView {
  id: string;
  programId: string;
  siteId: string;
  status: string;
  reason: string | null;
  brandMatches: ApplicationBrandMatch[];
  createdAt: number;
  decidedAt: number | null;
  programName: string;
  siteName: string;
}

/** An application to one of an advertiser's programs, as the advertiser reviews it. */
export interface AdvertiserApplicationView {
  id: string;
  programId: string;
  publisherId: string;
  siteId: string;
  status: string;
  reason: string | null;
  promotionMethods: string[];
  contentCategories: string[];
  brandMatches: ApplicationBrandMatch[];
  brandConsent: BrandConsent | null;
  createdAt: number;
  programName: string;
  siteName: string;
  siteUrl: string;
  publisherName: string;
  country: string;
}

export function membershipView(row: Membership): MembershipView {
  return {
    id: row.id,
    programId: row.program_id,
    siteId: row.site_id,
    publisherId: row.publisher_id,
    status: row.status,
    reason: row.reason,
  };
}

export function publisherApplicationView(row: {
  id: string;
  program_id: string;
  site_id: string;
  status: string;
  reason: string | null;
  brand_matches: string;
  created_at: number;
  decided_at: number | null;
  program_name: string;
  site_name: string;
}): PublisherApplicationView {
  return {
    id: row.id,
    programId: row.program_id,
    siteId: row.site_id,
    status: row.status,
    reason: row.reason,
    brandMatches: JSON.parse(row.brand_matches) as ApplicationBrandMatch[],
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    programName: row.program_name,
    siteName: row.site_name,
  };
}

export function advertiserApplicationView(row: {
  id: string;
  program_id: string;
  publisher_id: string;
  site_id: string;
  status: string;
  reason: string | null;
  promotion_methods: string;
  content_categories: string;
  brand_matches: string;
  brand_consent: string | null;
  created_at: number;
  program_name: string;
  site_name: string;
  url: string;
  publisher_name: string;
  country: string;
}): AdvertiserApplicationView {
  return {
    id: row.id,
    programId: row.program_id,
    publisherId: row.publisher_id,
    siteId: row.site_id,
    status: row.status,
    reason: row.reason,
    promotionMethods: JSON.parse(row.promotion_methods) as string[],
    contentCategories: JSON.parse(row.content_categories) as string[],
    brandMatches: JSON.parse(row.brand_matches) as ApplicationBrandMatch[],
    brandConsent:
      row.brand_consent === null ? null : (JSON.parse(row.brand_consent) as BrandConsent),
    createdAt: row.created_at,
    programName: row.program_name,
    siteName: row.site_name,
    siteUrl: row.url,
    publisherName: row.publisher_name,
    country: row.country,
  };
}
