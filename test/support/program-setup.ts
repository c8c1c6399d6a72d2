import { emptySetup, type ProgramSetupInput } from '../../src/domain/terms/program-setup.js';

/** The guide's worked example (docs/writing-terms.md, "What the guided form writes"). */
export const LAMPENHUIS: ProgramSetupInput = {
  ...emptySetup(),
  id: 'lampenhuis',
  name: 'Lampenhuis',
  company: 'Lampenhuis B.V.',
  descriptionNl: 'Lampen en verlichting.',
  descriptionEn: 'Lamps and lighting.',
  landingUrl: 'https://www.lampenhuis.example/',
  deeplinkDomains: 'lampenhuis.example',
  currencies: 'EUR',
  categories: 'lighting, home',
  markets: 'NL, BE',
  groups: [
    { nameNl: 'Slimme lampen', nameEn: 'Smart lamps', rate: '4', categories: 'smart-lighting' },
    { nameNl: 'Overige verlichting', nameEn: 'Other lighting', rate: '7,5', categories: '' },
    { nameNl: '', nameEn: '', rate: '', categories: '' },
  ],
  leads: [
    { name: 'Newsletter sign-up', amount: '1,50' },
    { name: '', amount: '' },
  ],
  cookieDays: '30',
  validationDays: '30',
  atDeadline: 'approve',
  methods: {
    content_sites: 'allowed',
    voucher_codes: 'after_approval',
    brand_bidding: 'forbidden',
  },
  contactEmail: 'affiliates@lampenhuis.example',
};

/** The guided form's fields as a browser posts them (rows repeat their field names). */
export function setupFormFields(input: ProgramSetupInput): Record<string, string | string[]> {
  const { groups, leads, methods, ...fields } = input;
  return {
    ...fields,
    groupNameNl: groups.map((g) => g.nameNl),
    groupNameEn: groups.map((g) => g.nameEn),
    groupRate: groups.map((g) => g.rate),
    groupCategories: groups.map((g) => g.categories),
    leadName: leads.map((l) => l.name),
    leadAmount: leads.map((l) => l.amount),
    ...Object.fromEntries(Object.entries(methods).map(([m, status]) => [`method_${m}`, status])),
  };
}
