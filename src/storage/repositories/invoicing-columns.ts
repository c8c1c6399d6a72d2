/** The columns a party (publisher, advertiser) keeps its invoicing details in. */
export const INVOICING_COLUMNS = [
  'legal_name',
  'street',
  'postal_code',
  'city',
  'country',
  'vat_number',
  'coc_number',
] as const;
