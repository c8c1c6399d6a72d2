import type { DomainError } from '../domain/errors.js';
import type { MessageKey } from './i18n.js';
import { translate, type Locale } from './i18n.js';
import { refusalText } from './refusal-text.js';

/** Each sign-up field: its label on the form and what to fix when it is refused. */
const FIELDS: Record<string, { label: MessageKey; fix: MessageKey }> = {
  email: { label: 'signup.email', fix: 'account.fix.email' },
  siteUrl: { label: 'signup.website', fix: 'account.fix.siteUrl' },
  siteName: { label: 'signup.siteName', fix: 'account.fix.siteName' },
  name: { label: 'signup.name', fix: 'account.fix.name' },
  company: { label: 'signup.company', fix: 'account.fix.company' },
  country: { label: 'signup.country', fix: 'account.fix.country' },
  vatNumber: { label: 'signup.vat', fix: 'account.fix.vatNumber' },
  iban: { label: 'signup.iban', fix: 'account.fix.iban' },
  promotionMethods: { label: 'signup.methods', fix: 'account.fix.promotionMethods' },
  password: { label: 'signup.password', fix: 'account.fix.password' },
};

/**
 * A refused sign-up (AE-S1) in the reader's language, naming every refused field by its label
 * on the form and what to fix in it ("Wachtwoord: gebruik minstens 10 tekens"), not only "check
 * the form". English readers get the service's message, which names field and rule already; a
 * refusal without field issues (a barred address) is the usual refusal text.
 */
export function signupRefusalText(
  refusal: Pick<DomainError, 'code' | 'message' | 'issues'> & { values?: DomainError['values'] },
  locale: Locale,
): string {
  const named = refusal.issues.flatMap((issue) => {
    const field = FIELDS[issue.path.split('.')[0] ?? ''];
    return field === undefined ? [] : [field];
  });
  if (locale === 'en' || named.length === 0 || named.length < refusal.issues.length)
    return refusalText(refusal, locale);
  const parts = [...new Set(named)].map(
    (field) => `${labelOf(translate(locale, field.label))}: ${translate(locale, field.fix)}`,
  );
  return translate(locale, 'account.fix.fields', { fields: parts.join('; ') });
}

/** A form label without its hint in brackets: "IBAN voor uitbetalingen (optioneel)" → "IBAN voor uitbetalingen". */
function labelOf(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '');
}
