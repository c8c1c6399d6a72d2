import type { z } from 'zod';
import type { Auth } from '../contracts/contract.js';
import { ADMIN_OPERATIONS } from './admin.js';
import { PUBLISHER_OPERATIONS } from './publisher.js';
import { COMPLIANCE_OPERATIONS } from './compliance.js';

/**
 * Operations documented apart from their routes, until each area's routes are declared in
 * `src/http/contracts/` (then its list here goes).
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  query?: Record<string, string>;
  body?: z.ZodType;
  bodyTypes?: readonly string[];
  bodySchema?: string;
  responses: Record<number, string>;
  responseSchemas?: Record<number, string>;
  responseTypes?: Record<number, readonly string[]>;
}

export const LEGACY_OPERATIONS: readonly Operation[] = [
  ...ADMIN_OPERATIONS,
  ...PUBLISHER_OPERATIONS,
  ...COMPLIANCE_OPERATIONS,
];
