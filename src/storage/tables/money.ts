import type { Generated } from 'kysely';

/* Tables of money: commissions, the ledger, exchange rates, invoices, adjustments, statements and payouts. */

export type CommissionStatus = 'pending' | 'approved' | 'declined' | 'held' | 'paid';

/** What a publisher earns on one order: its product commission or its new-buyer bonus. */
export interface CommissionsTable {
  id: string;
  order_id: string | null;
  program_id: string;
  publisher_id: string;
  site_id: string | null;
  /** product, bonus, adjustment */
  kind: string;
  amount_minor: number;
  currency: string;
  status: CommissionStatus;
  reason: string | null;
  rule: string | null;
  /** When the advertiser (or the program's deadline rule) must have validated it; null: no deadline. */
  validation_due_at: number | null;
  statement_id: string | null;
  /** When it last became approved; the month it is invoiced in. */
  approved_at: number | null;
  /** The advertiser invoice billing it (AE-T5: payable once that invoice is paid). */
  invoice_id: string | null;
  /**
   * What the advertiser has been billed for it so far. An invoice bills the difference to what
   * it should be (its amount while approved, else 0), so a later decline becomes a credit.
   */
  billed_minor: number;
  /** Who made the last validation decision: an actor, `order_report` or `validation_deadline`. */
  decided_by: string | null;
  /**
   * While held by a compliance flag: the decision the hold suspended, restored on release
   * (NET-R8, JSON of SuspendedDecision); null otherwise.
   */
  suspended_decision: string | null;
  created_at: number;
  updated_at: number;
}

/**
 * The append-only money ledger. Each entry moves `amount_minor` into (or, negative, out of)
 * one `account` of a publisher: pending, approved, held, withheld, deducted, paid. Entries are
 * never updated or deleted (database triggers refuse it); a correction is a new entry.
 */
export interface LedgerEntriesTable {
  seq: Generated<number>;
  id: string;
  publisher_id: string;
  program_id: string | null;
  commission_id: string | null;
  order_id: string | null;
  account: string;
  /** accrued, approved, declined, reversed, bonus, deduction, withheld, released, payout */
  kind: string;
  amount_minor: number;
  currency: string;
  reason: string;
  rule: string | null;
  actor: string;
  created_at: number;
}

export interface ExchangeRatesTable {
  currency: string;
  /** YYYY-MM-DD */
  date: string;
  /** Units of `currency` per 1 EUR, exact decimal text as published. */
  rate: string;
  source: string;
  imported_at: number;
}

export interface InvoicesTable {
  id: string;
  advertiser_id: string;
  program_id: string;
  /** YYYY-MM */
  period: string;
  commission_minor: number;
  fee_minor: number;
  total_minor: number;
  currency: string;
  /** The network fee as a share of the commission, e.g. "0.30". */
  fee_rate: string;
  /** How many commissions it bills. */
  commissions: number;
  /** issued, paid */
  status: string;
  issued_at: number | null;
  paid_at: number | null;
  created_at: number;
  /** Gapless per year of its period (`INV-2026-000042`); null on invoices issued before numbering. */
  number: string | null;
  /** JSON: both parties' details and the account to pay into, as when issued; null: not kept. */
  parties: string | null;
  /** domestic, reverse_charge, outside_eu; null when not decided (details missing). */
  vat_treatment: string | null;
  /** The VAT rate charged in percent ("21"); null when none is charged. */
  vat_rate: string | null;
  /** The VAT on the total (commission plus fee, credits included); 0 when none. */
  vat_minor: number;
  /** When the advertiser must have paid; null on invoices issued before due dates. */
  due_at: number | null;
}

/**
 * A change to a commission already paid out, booked instead of changing it: negative for a
 * refund after the payout (clawed back on the next statement), positive for an increase.
 */
export interface AdjustmentsTable {
  id: string;
  publisher_id: string;
  program_id: string;
  order_id: string;
  commission_id: string;
  amount_minor: number;
  currency: string;
  reason: string;
  rule: string | null;
  /** The statement that settled it; null until one does. */
  statement_id: string | null;
  actor: string;
  created_at: number;
}

/** What one invoice billed for one commission: its amount, or a credit (negative). */
export interface InvoiceLinesTable {
  invoice_id: string;
  commission_id: string;
  amount_minor: number;
}

export interface StatementsTable {
  id: string;
  publisher_id: string;
  period: string;
  currency: string;
  payable_minor: number;
  pending_minor: number;
  withheld_minor: number;
  deducted_minor: number;
  carried_over_minor: number;
  /** Gapless per year of its period (`2026-000042`): the statement is the publisher's invoice. */
  number: string | null;
  /** The minimum payout it was settled against; null on statements made before it was kept. */
  minimum_payout_minor: number | null;
  /** The previous statement's carried-over balance. */
  carried_in_minor: number;
  /** domestic, reverse_charge, not_a_business; null on statements made before VAT was kept. */
  vat_treatment: string | null;
  /** The VAT rate charged in percent ("21"); null when none is charged. */
  vat_rate: string | null;
  /** VAT on (payable − deducted) at vat_rate; 0 when none is charged. */
  vat_minor: number;
  /** JSON `{ network, publisher }` invoicing details as they were when it was issued. */
  parties: string | null;
  /** carried in + payable − deducted + VAT. */
  balance_minor: number;
  /** What a payout run pays: the balance when it reaches the minimum payout, else 0. */
  payout_minor: number;
  /** payable, carried_over, paid */
  status: string;
  created_at: number;
  paid_at: number | null;
}

export interface PayoutRunsTable {
  id: string;
  /** created, exported (its SEPA file was made), paid */
  status: string;
  created_by: string;
  created_at: number;
  paid_at: number | null;
  /** YYYY-MM-DD the bank is asked to pay. */
  execution_date: string;
  payments: number;
  total_minor: number;
  /** JSON: statements left out of the run and why ([{statementId, publisherId, reason}]). */
  skipped: string;
}

export interface PayoutsTable {
  id: string;
  run_id: string;
  publisher_id: string;
  statement_id: string;
  /** The statement's period, YYYY-MM. */
  period: string;
  amount_minor: number;
  currency: string;
  iban: string;
  name: string;
  status: string;
  paid_at: number | null;
}
