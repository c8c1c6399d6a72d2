import { refusals } from '../translation.js';
import { ACCOUNT } from './account.js';
import { ADMIN_ADVERTISERS } from './admin-advertisers.js';
import { ADMIN_AUDIT } from './admin-audit.js';
import { ADMIN_MONEY } from './admin-money.js';
import { ADMIN_NETWORK_FEES } from './admin-network-fees.js';
import { ADMIN_PUBLISHERS } from './admin-publishers.js';
import { ADMIN } from './admin.js';
import { ADS } from './ads.js';
import { ADVERTISER_ACCOUNT } from './advertiser-account.js';
import { ADVERTISER_COMPLIANCE } from './advertiser-compliance.js';
import { ADVERTISER_TERMS } from './advertiser-terms.js';
import { ADVERTISER_TRANSACTION } from './advertiser-transaction.js';
import { ADVERTISER } from './advertiser.js';
import { COMMON } from './common.js';
import { EMAIL } from './email.js';
import { INVOICE_DOCUMENTS } from './invoice-documents.js';
import { INVOICING } from './invoicing.js';
import { NOTIFICATIONS } from './notifications.js';
import { PORTAL } from './portal.js';
import { PROGRAM_REVIEW } from './program-review.js';
import { PROGRAM_SETUP } from './program-setup.js';
import { PUBLISHER_COMPLIANCE } from './publisher-compliance.js';
import { PUBLISHER_SITE } from './publisher-site.js';
import { PUBLISHER_STATEMENT } from './publisher-statement.js';
import { PUBLISHER_TRANSACTION } from './publisher-transaction.js';
import { PUBLISHER } from './publisher.js';
import { STATUS } from './status.js';
import { TRACKING } from './tracking.js';
import { PROMOTIONS } from './promotions.js';
import { FEEDS } from './feeds.js';
import { INTEGRATIONS } from './integrations.js';
import { ERRORS } from './errors.js';

/**
 * English: the source of the catalogue's keys. Each area (a file here) holds the words of one
 * part of the portal, with `{name}` placeholders; the refusals come from the table of error
 * codes. A key starts with its area; a test refuses a key in two areas.
 */
export const EN = {
  ...ACCOUNT,
  ...ADMIN_ADVERTISERS,
  ...ADMIN_AUDIT,
  ...ADMIN_MONEY,
  ...ADMIN_NETWORK_FEES,
  ...ADMIN_PUBLISHERS,
  ...ADMIN,
  ...ADS,
  ...ADVERTISER_ACCOUNT,
  ...ADVERTISER_COMPLIANCE,
  ...ADVERTISER_TERMS,
  ...ADVERTISER_TRANSACTION,
  ...ADVERTISER,
  ...COMMON,
  ...EMAIL,
  ...INVOICE_DOCUMENTS,
  ...INVOICING,
  ...NOTIFICATIONS,
  ...PORTAL,
  ...PROGRAM_REVIEW,
  ...PROGRAM_SETUP,
  ...PUBLISHER_COMPLIANCE,
  ...PUBLISHER_SITE,
  ...PUBLISHER_STATEMENT,
  ...PUBLISHER_TRANSACTION,
  ...PUBLISHER,
  ...STATUS,
  ...TRACKING,
  ...PROMOTIONS,
  ...FEEDS,
  ...INTEGRATIONS,
  ...refusals(ERRORS),
};
