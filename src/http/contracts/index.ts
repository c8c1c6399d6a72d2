import type { RouteContract } from './contract.js';
import { ACCOUNT_ROUTES } from './accounts.js';

/** Every declared route of the JSON API, area by area: what the API document lists. */
export const ROUTE_CONTRACTS: readonly RouteContract[] = [...Object.values(ACCOUNT_ROUTES)];
