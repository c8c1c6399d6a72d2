import type { Store } from '../storage/database.js';
import type { Mailer } from './mailer.js';
import { CommissionDigest } from './commission-digest.js';
import { NotificationListener } from './notification-listener.js';
import { NotificationPreferences } from './notification-preferences.js';
import { RefusalAlerts } from './refusal-alerts.js';

/**
 * The network's notifications (issue 27, item 7), in one place for the network to wire: the
 * event listener that writes them, the daily commission digest, alerts of a program's refused
 * reports, and each user's switches.
 * Links in them are under PUBLIC_URL (`linkBase`), or the portal is named in words.
 */
export class Notifications {
  readonly listener: NotificationListener;
  readonly digest: CommissionDigest;
  readonly preferences: NotificationPreferences;
  readonly refusalAlerts: RefusalAlerts;

  constructor(store: Store, mailer: Mailer, linkBase: () => string | undefined) {
    this.listener = new NotificationListener(mailer, linkBase);
    this.digest = new CommissionDigest(store, mailer, linkBase);
    this.preferences = new NotificationPreferences(store);
    this.refusalAlerts = new RefusalAlerts(store, mailer, linkBase);
  }
}
