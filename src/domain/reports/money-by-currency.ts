/**
 * Amounts in several currencies kept apart (minor units per ISO 4217 code): an advertiser's
 * programs may be paid in different currencies, and summing them without a conversion would
 * be wrong to the cent. Pure.
 */
export type MoneyByCurrency = Record<string, number>;

export function addMoney(into: MoneyByCurrency, currency: string, minor: number): void {
  if (minor === 0 && into[currency] === undefined) return;
  into[currency] = (into[currency] ?? 0) + minor;
}

export function mergeMoney(into: MoneyByCurrency, from: MoneyByCurrency): void {
  for (const [currency, minor] of Object.entries(from)) addMoney(into, currency, minor);
}

/** The currency with the largest amount (ties: alphabetical), or undefined when empty. */
export function mainCurrency(money: MoneyByCurrency): string | undefined {
  return Object.entries(money).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]?.[0];
}

/**
 * The one currency a program's order values are reported in, or null when its versions accept
 * several (the rollups sum order values as reported, so those could not be told apart).
 */
export function revenueCurrencyOf(
  versions: readonly { orderCurrencies: ReadonlySet<string> }[],
): string | null {
  const currencies = new Set(versions.flatMap((version) => [...version.orderCurrencies]));
  return currencies.size === 1 ? [...currencies][0]! : null;
}
