/** The invoicing details forms (network and publisher), in English and Dutch. */
export const INVOICING = {
  'invoicing.title': 'Invoicing details',
  'invoice.credited': 'Credited',
  'invoice.creditedAmounts': '{commission} + fee {fee}',
  'invoicing.legalName': 'Legal name',
  'invoicing.street': 'Street and number',
  'invoicing.postalCode': 'Postal code',
  'invoicing.city': 'City',
  'invoicing.country': 'Country (NL, BE, DE …)',
  'invoicing.vatNumber': 'VAT number',
  'invoicing.vatNumberOptional': '(leave empty if you are a private person)',
  'invoicing.cocNumber': 'Chamber of commerce number (KvK)',
  'invoicing.save': 'Save invoicing details',
  'invoicing.saved': 'Invoicing details saved.',
  'invoicing.publisherIntro':
    'Your monthly statement is your invoice to the network (self-billing): the network writes it with these details. A business (VAT number) in the network’s country gets that country’s VAT on top of its commission; a business elsewhere is reverse-charged; a private person (no VAT number) is paid without VAT. Changes apply to statements made from now on.',
  'invoicing.publisherMissing':
    'Your invoicing details are incomplete: add your address before the next statement is made.',
  'invoicing.networkIntro':
    'Statements are self-billing invoices that name the network: they are not made until these details are set.',
  'invoicing.nowDomestic':
    'Your statements now: {rate} % VAT is added to your commission and paid out with it.',
  'invoicing.nowReverseCharge':
    'Your statements now: VAT reverse-charged (the network accounts for it); none is added.',
  'invoicing.nowNotABusiness':
    'Your statements now: no VAT (billed as a private person, without a VAT number).',
  'invoicing.vatToVerify':
    'VAT numbers to verify (VIES or papers): statements that add VAT are paid only under a verified number',
  'invoicing.verify': 'Verified',
  'invoicing.verified': '{vatNumber} of {publisher} verified.',
  'invoicing.noVatToVerify': 'No VAT number waits for verification.',
  'invoicing.unverifiedNote':
    'Your VAT number is not verified by the network yet: VAT added to your statements is paid out once it is.',
  'invoicing.networkSaved': 'Network invoicing details saved.',
} as const;
