import type { RouteContract } from './contract.js';
import { ACCOUNT_ROUTES } from './accounts.js';
import { ADVERTISER_ROUTES } from './advertiser.js';
import { PROGRAM_ROUTES } from './programs.js';
import { ORDER_ROUTES } from './orders.js';
import { ADMIN_ROUTES } from './admin.js';
import { PUBLISHER_ROUTES } from './publisher.js';
import { COMPLIANCE_ROUTES } from './compliance.js';
import { PROMOTION_ROUTES } from './promotions.js';
import { FEED_ROUTES } from './feeds.js';
import { FEED_SOURCE_ROUTES } from './feed-sources.js';
import { AD_ROUTES } from './ads.js';
import { WEBHOOK_ROUTES } from './webhooks.js';

/** Every declared route of the JSON API, area by area: what the API document lists. */
export const ROUTE_CONTRACTS: readonly RouteContract[] = [
  ...Object.values(ACCOUNT_ROUTES),
  ...Object.values(ADVERTISER_ROUTES),
  ...Object.values(PROGRAM_ROUTES),
  ...Object.values(ORDER_ROUTES),
  ...Object.values(ADMIN_ROUTES),
  ...Object.values(PUBLISHER_ROUTES),
  ...Object.values(COMPLIANCE_ROUTES),
  ...Object.values(PROMOTION_ROUTES),
  ...Object.values(FEED_ROUTES),
  ...Object.values(FEED_SOURCE_ROUTES),
  ...Object.values(AD_ROUTES),
  ...Object.values(WEBHOOK_ROUTES),
];
