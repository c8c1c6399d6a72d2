/**
 * How a commission's money moves in the ledger when its amount or status changes. Pure: the
 * caller stores the entries. The rule the ledger check (`affnet ledger verify`) holds every
 * commission to: the entries of a commission sum to its amount in the account named by its
 * status, and to zero in every other account; a declined commission holds nothing.
 */
export type CommissionStatus = 'pending' | 'approved' | 'declined' | 'held' | 'paid';

export const ACCOUNT_OF_STATUS: Readonly<Record<CommissionStatus, string | null>> = {
  pending: 'pending',
  approved: 'approved',
  held: 'held',
  paid: 'paid',
  declined: null,
};

export type LedgerKind =
  | 'accrued'
  | 'bonus'
  | 'approved'
  | 'declined'
  | 'reversed'
  | 'held'
  | 'released'
  | 'paid'
  | 'deduction'
  | 'withheld'
  | 'payout';

export interface CommissionState {
  readonly amountMinor: number;
  readonly status: CommissionStatus;
}

export interface LedgerMove {
  readonly account: string;
  readonly amountMinor: number;
  readonly kind: LedgerKind;
}

/** A change that cannot be made to the commission itself, e.g. re-pricing a paid one. */
export class CommissionLockedError extends Error {
  override name = 'CommissionLockedError';
}

/**
 * The ledger moves that take a commission from `before` (undefined: it is new) to `after`.
 * `isBonus` names a new-buyer bonus's first accrual `bonus` instead of `accrued`.
 */
export function planCommissionChange(
  before: CommissionState | undefined,
  after: CommissionState,
  isBonus = false,
): LedgerMove[] {
  if (after.amountMinor < 0) throw new RangeError('a commission amount cannot be negative');
  if (before?.status === 'paid') {
    if (after.status === 'paid' && after.amountMinor === before.amountMinor) return [];
    throw new CommissionLockedError(
      'a paid commission is never changed: book an adjustment instead',
    );
  }
  const moves: LedgerMove[] = [];
  const fromAccount = before === undefined ? null : ACCOUNT_OF_STATUS[before.status];
  const toAccount = ACCOUNT_OF_STATUS[after.status];
  const fromAmount = before?.amountMinor ?? 0;
  if (fromAccount === toAccount) {
    const delta = after.amountMinor - fromAmount;
    if (toAccount !== null && delta !== 0) {
      moves.push({
        account: toAccount,
        amountMinor: delta,
        kind: delta < 0 ? 'reversed' : firstKind(before, isBonus),
      });
    }
    return moves;
  }
  const kind = transitionKind(before?.status, after.status, isBonus);
  if (fromAccount !== null && fromAmount !== 0)
    moves.push({ account: fromAccount, amountMinor: -fromAmount, kind });
  if (toAccount !== null && after.amountMinor !== 0)
    moves.push({ account: toAccount, amountMinor: after.amountMinor, kind });
  return moves;
}

function firstKind(before: CommissionState | undefined, isBonus: boolean): LedgerKind {
  return isBonus && (before === undefined || before.amountMinor === 0) ? 'bonus' : 'accrued';
}

function transitionKind(
  from: CommissionStatus | undefined,
  to: CommissionStatus,
  isBonus: boolean,
): LedgerKind {
  switch (to) {
    case 'approved':
      return 'approved';
    case 'declined':
      return 'declined';
    case 'held':
      return 'held';
    case 'paid':
      return 'paid';
    case 'pending':
      return from === 'held'
        ? 'released'
        : from === undefined || from === 'declined'
          ? isBonus
            ? 'bonus'
            : 'accrued'
          : 'reversed';
  }
}
