/** The network's minimum payout until an admin sets another: EUR 50.00, in cents. */
export const DEFAULT_MINIMUM_PAYOUT_MINOR = 5_000;
