/**
 * A publisher's standing in the whole network: the network's (its admin's) decision alone, never
 * an advertiser's (an advertiser's termination, restriction or bar reaches its own programs,
 * advertiser-standing.ts). A restricted publisher cannot apply to any program; a terminated one
 * cannot apply either, and its clicks and orders attribute in no program.
 */
export const NETWORK_STATUSES = ['active', 'restricted', 'terminated'] as const;
export type NetworkStatus = (typeof NETWORK_STATUSES)[number];

export function isNetworkStatus(value: string): value is NetworkStatus {
  return (NETWORK_STATUSES as readonly string[]).includes(value);
}
