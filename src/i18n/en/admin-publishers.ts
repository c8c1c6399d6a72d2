/** The admin's publishers page: each publisher's network-wide status. */
export const ADMIN_PUBLISHERS = {
  'adminPublishers.intro':
    'Each publisher’s status in the whole network: restricted cannot apply to any program; terminated cannot apply and its clicks and orders earn in no program. This is the network’s decision alone: an advertiser’s termination, restriction or registration bar reaches only that advertiser’s programs. Every change, with its reason, is in the audit log.',
  'adminPublishers.publisher': 'Publisher',
  'adminPublishers.status': 'Network status',
  'adminPublishers.change': 'Change',
  'adminPublishers.statusOf': 'New network status of {publisher}',
  'adminPublishers.reasonOf': 'Reason for the change of {publisher}',
  'adminPublishers.reason': 'Reason (audit log)',
  'adminPublishers.save': 'Save',
  'adminPublishers.changed': 'Network status of {publisher}: {before} → {after}.',
} as const;
