/**
 * A publisher's monthly statement in the program currency (minor units). Pure: the caller sums
 * the ledger per account for the period and passes the totals in.
 */
export interface StatementTotals {
  /** Carried over from the previous statement (negative after deductions larger than earnings). */
  carriedInMinor: number;
  /** Approved commission whose advertiser invoice is paid (AE-T5: no prepayment). */
  payableMinor: number;
  /** Not yet validated or not yet invoiced-and-paid: shown, not paid. */
  pendingMinor: number;
  /** Held back by an enforcement action (AE-E1 c): shown, not paid. */
  withheldMinor: number;
  /** Deducted by an enforcement action (AE-E1 d), as a positive amount. */
  deductedMinor: number;
  /** The publisher's minimum payout. */
  minimumPayoutMinor: number;
  /** VAT on (payable − deducted): negative when deductions exceed earnings (a credit). */
  vatMinor: number;
}

export interface StatementSettlement {
  /** carried in + payable − deducted + VAT. */
  balanceMinor: number;
  /** What the payout run pays: the balance when it reaches the minimum, else 0. */
  payoutMinor: number;
  /** What the next statement starts with. */
  carriedOverMinor: number;
  status: 'payable' | 'carried_over';
}

export function settleStatement(totals: StatementTotals): StatementSettlement {
  for (const [name, value] of Object.entries(totals)) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${name}: expected whole minor units`);
    if (name !== 'carriedInMinor' && name !== 'vatMinor' && value < 0)
      throw new RangeError(`${name}: expected a non-negative amount`);
  }
  const balanceMinor =
    totals.carriedInMinor + totals.payableMinor - totals.deductedMinor + totals.vatMinor;
  if (balanceMinor > 0 && balanceMinor >= totals.minimumPayoutMinor) {
    return { balanceMinor, payoutMinor: balanceMinor, carriedOverMinor: 0, status: 'payable' };
  }
  return { balanceMinor, payoutMinor: 0, carriedOverMinor: balanceMinor, status: 'carried_over' };
}
