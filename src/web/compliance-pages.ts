import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { registerPublisherCompliancePages } from './publisher-compliance-pages.js';
import { registerAdvertiserCompliancePages } from './advertiser-compliance-pages.js';
import { registerAdminAuditPages } from './admin-audit-pages.js';

/**
 * Compliance in the portal, one file per role: the publisher's actions, claims and mailings;
 * the advertiser's review queue, enforcement, claim decisions and Email Approval tool; the
 * admin's audit log.
 */
export function registerCompliancePages(app: FastifyInstance, network: Network): void {
  registerPublisherCompliancePages(app, network);
  registerAdvertiserCompliancePages(app, network);
  registerAdminAuditPages(app, network);
}
