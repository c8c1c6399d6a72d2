/** What the admin's network fee page and the advertiser's terms page say about the fee. */
export const ADMIN_NETWORK_FEES = {
  'nav.networkFees': 'Network fees',
  'networkFees.intro':
    'The network fee of each program, billed to the advertiser on approved commission at the rate set when an invoice is issued. It is the network’s: advertisers see it but cannot change it, and terms files cannot set it. Every change is in the audit log with its before and after.',
  'networkFees.program': 'Program',
  'networkFees.rate': 'Network fee',
  'networkFees.newRate': 'New rate (0.30 is 30 %)',
  'networkFees.newRateOf': 'New network fee of {program}',
  'networkFees.save': 'Save',
  'networkFees.changed':
    'Network fee of {program}: {before} → {after} (invoices issued from now on).',
  'networkFees.ofProgram':
    'Network fee: {rate} of approved commission, set by the network (not by these terms).',
} as const;
