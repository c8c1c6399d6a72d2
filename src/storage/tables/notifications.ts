/* Tables of notifications (migration 0029): switches, the daily digest's entries, alerts sent. */

/** A kind of mail a user switched off; every kind is on until a row says otherwise. */
export interface NotificationOptOutsTable {
  user_id: string;
  /** A notification kind (src/domain/notifications/notification-kinds.ts). */
  kind: string;
  created_at: number;
}

/** A commission decision waiting for its publisher's daily digest (deleted once mailed). */
export interface DigestEntriesTable {
  /** `dig_…`, by time: the digest lists a day's decisions in the order they were made. */
  id: string;
  publisher_id: string;
  /** The UTC date of the decision (`2026-12-04`): one digest per publisher user per day. */
  day: string;
  program_id: string;
  commission_id: string;
  order_id: string | null;
  /** approved or declined. */
  decision: string;
  /** The commission's amount as a decimal string ("12.30"), with its currency. */
  amount: string;
  currency: string;
  created_at: number;
}

/** When an alert about a subject (a program's refused reports) was last mailed. */
export interface NotificationAlertsTable {
  subject_id: string;
  kind: string;
  sent_at: number;
}
