import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import { DomainError } from '../domain/errors.js';
import { localeOf } from '../i18n/email.js';
import type { Locale } from '../i18n/catalogue.js';
import {
  notificationKindsOf,
  type NotificationKind,
} from '../domain/notifications/notification-kinds.js';

/** A user's switch of one kind of mail. */
export interface NotificationSwitch {
  kind: NotificationKind;
  on: boolean;
}

/**
 * Each user's notification switches (issue 27, item 7): the kinds of mail of the user's role,
 * each on until the user switches it off. Only the user's own switches are read or written.
 */
export class NotificationPreferences {
  constructor(private readonly store: Store) {}

  async of(user: { id: string; role: string }): Promise<NotificationSwitch[]> {
    const off = new Set(await repos(this.store).notifications.switchedOff(user.id));
    return notificationKindsOf(user.role).map((kind) => ({ kind, on: !off.has(kind) }));
  }

  /** The language the user's mail is written in, as stored now (the portal's last switch). */
  async languageOf(userId: string): Promise<Locale> {
    return localeOf((await repos(this.store).users.findById(userId))?.locale);
  }

  /**
   * Switches on exactly `on` of the role's kinds, the rest off. A kind another role has is
   * refused (400, nothing changed).
   */
  async set(
    user: { id: string; role: string },
    on: readonly string[],
    nowMs: number,
  ): Promise<NotificationSwitch[]> {
    const kinds = notificationKindsOf(user.role);
    const foreign = on.filter((kind) => !(kinds as readonly string[]).includes(kind));
    if (foreign.length > 0)
      throw new DomainError(
        'invalid_body',
        `on: ${foreign.join(', ')} is no notification of a ${user.role}; choose among ${kinds.join(', ') || 'none'}`,
      );
    const off = kinds.filter((kind) => !on.includes(kind));
    await repos(this.store).transaction((t) =>
      t.notifications.setSwitchedOff(user.id, kinds, off, nowMs),
    );
    return kinds.map((kind) => ({ kind, on: !off.includes(kind) }));
  }
}
