/** The portal speaks Dutch and English; Dutch for `Accept-Language: nl`, English otherwise. */
export type Locale = 'nl' | 'en';

export const LOCALES: readonly Locale[] = ['nl', 'en'];

/** The locale of a request: `?lang=`, then the `affnet_lang` cookie, then Accept-Language. */
export function pickLocale(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Locale {
  for (const candidate of [query, cookie])
    if (candidate === 'nl' || candidate === 'en') return candidate;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q === undefined ? 1 : Number(q.trim().slice(2)) || 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'nl' || tag.startsWith('nl-')) return 'nl';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const en = {
  'nav.programs': 'Programs',
  'nav.login': 'Log in',
  'nav.logout': 'Log out',
  'nav.signup': 'Sign up as publisher',
  'nav.dashboard': 'Dashboard',
  'nav.links': 'Links',
  'nav.transactions': 'Transactions',
  'nav.statements': 'Statements',
  'nav.applications': 'Applications',
  'nav.publishers': 'Publishers',
  'nav.keys': 'API keys',
  'nav.terms': 'Program terms',
  'nav.outbox': 'Outbox',
  'nav.compliance': 'Compliance',
  'nav.audit': 'Audit log',
  'nav.sites': 'Sites',
  'nav.money': 'Month end',
  'nav.overview': 'Overview',
  'nav.api': 'API',
  'lang.switch': 'Nederlands',
  'programs.title': 'Programs',
  'programs.intro': 'Affiliate programs on this network. Open one to read its terms and apply.',
  'program.commission': 'Commission',
  'program.event': 'Event',
  'program.rate': 'Commission',
  'program.rule': 'Rule',
  'program.benefits': 'Benefits of working with',
  'program.tracking': 'Tracking',
  'program.trackingType': 'Cookie period',
  'program.session':
    'Session based: a click counts for purchases in the same browser session, at most {hours} hours after the click.',
  'program.deeplinking': 'Deeplinking',
  'program.deeplinkingNo':
    'Deeplinking is not possible: every click lands on the program landing page.',
  'program.deeplinkingYes': 'Deeplinks may point to: {domains}.',
  'program.productFeed': 'Product feed',
  'program.prepayment': 'Prepayment program',
  'program.yes': 'Yes',
  'program.no': 'No',
  'program.methods': 'Accepted marketing methods',
  'program.policies': 'Policies',
  'program.method': 'Method',
  'program.status': 'Status',
  'program.bonus': 'New-buyer bonus',
  'program.bonusIntro':
    'A flat fee per qualified order of a new buyer (who never ordered before), by buyer country, on top of the commission.',
  'program.countries': 'Buyer countries',
  'program.amount': 'Bonus',
  'program.cap': 'Cap',
  'program.capText':
    'The product commission of one order is capped at {amount}; the new-buyer bonus comes on top.',
  'program.exclusions': 'What earns nothing',
  'program.contacts': 'Contacts',
  'program.documents': 'Program documents',
  'program.writtenIn': '(in English)',
  'program.prohibited': 'Prohibited content',
  'program.apply': 'Apply to this program',
  'program.signupSteps': 'Sign up in three short steps',
  'program.step1': 'Enter your email address.',
  'program.step2': 'Enter your website address and your details.',
  'program.step3':
    'Open the email we send you and click the activation link. Then apply to the program.',
  'program.startSignup': 'Start sign-up',
  'program.validation': 'Validation',
  'program.validationOnCompletion':
    'A commission is approved when the advertiser reports the purchase completed; there is no automatic decision before that.',
  'program.validationDeadline': 'The advertiser validates within {days} days of the order.',
  'policy.allowed': 'Allowed',
  'policy.after_approval': 'Allowed, after approval of each preview',
  'policy.closed': 'Closed',
  'policy.forbidden': 'Forbidden',
  'contact.account_manager': 'Account manager',
  'contact.publisher_manager': 'Publisher manager',
  'contact.advertiser_contact': 'Advertiser contact',
  'login.title': 'Log in',
  'login.email': 'Email address',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Email address or password is wrong.',
  'login.forgot': 'Forgot your password?',
  'reset.title': 'Reset your password',
  'reset.intro':
    'Enter your email address; if it has an account we send a link to choose a new password.',
  'reset.sent':
    'If that address has an account, a reset link is on its way. It works once, for one hour.',
  'reset.choose': 'Choose a new password',
  'reset.done': 'Your password is changed. Log in with it.',
  'signup.title': 'Sign up as a publisher',
  'signup.step': 'Step {n} of 3',
  'signup.email': 'Email address',
  'signup.continue': 'Continue',
  'signup.website': 'Website address',
  'signup.siteName': 'Website name',
  'signup.name': 'Your name',
  'signup.company': 'Company (optional)',
  'signup.country': 'Country (two letters, e.g. NL)',
  'signup.vat': 'VAT number (optional)',
  'signup.iban': 'IBAN for payouts (optional)',
  'signup.password': 'Password (at least 10 characters)',
  'signup.methods': 'How do you promote?',
  'signup.submit': 'Create account',
  'signup.sent': 'Almost done: we sent an activation link to {email}. It works once, for 24 hours.',
  'signup.activated': 'Your account is active. Welcome!',
  'signup.brandWarning':
    'Your details contain an Alibaba Group brand or a look-alike (AE-P5). Advertisers see this at your application and can record written consent:',
  'method.content_sites': 'Content and review sites',
  'method.cashback_loyalty': 'Cashback / loyalty',
  'method.voucher_codes': 'Voucher codes',
  'method.price_comparison': 'Price comparison',
  'method.email_marketing': 'Email marketing',
  'method.social_media': 'Social media',
  'method.keyword_marketing': 'Keyword marketing',
  'method.brand_bidding': 'Brand bidding',
  'method.search_engine_advertising': 'Search engine advertising (SEA)',
  'method.google_shopping': 'Google Shopping',
  'method.pop_ups': 'Pop-ups and pop-unders',
  'method.cookie_stuffing': 'Cookie stuffing',
  'method.incentivised_traffic': 'Incentivised traffic',
  'error.title': 'Something needs fixing',
  'error.back': 'Back',
} as const;

export type MessageKey = keyof typeof en;

const nl: Record<MessageKey, string> = {
  'nav.programs': 'Programma’s',
  'nav.login': 'Inloggen',
  'nav.logout': 'Uitloggen',
  'nav.signup': 'Aanmelden als publisher',
  'nav.dashboard': 'Dashboard',
  'nav.links': 'Links',
  'nav.transactions': 'Transacties',
  'nav.statements': 'Afrekeningen',
  'nav.applications': 'Aanmeldingen',
  'nav.publishers': 'Publishers',
  'nav.keys': 'API-sleutels',
  'nav.terms': 'Programmavoorwaarden',
  'nav.outbox': 'Uitgaande e-mail',
  'nav.compliance': 'Compliance',
  'nav.audit': 'Auditlog',
  'nav.sites': 'Sites',
  'nav.money': 'Maandafsluiting',
  'nav.overview': 'Overzicht',
  'nav.api': 'API',
  'lang.switch': 'English',
  'programs.title': 'Programma’s',
  'programs.intro':
    'Affiliateprogramma’s op dit netwerk. Open er een om de voorwaarden te lezen en je aan te melden.',
  'program.commission': 'Commissie',
  'program.event': 'Event',
  'program.rate': 'Commissie',
  'program.rule': 'Regel',
  'program.benefits': 'Voordelen van het werken met',
  'program.tracking': 'Tracking',
  'program.trackingType': 'Cookieperiode',
  'program.session':
    'Sessiegebaseerd: een klik telt voor aankopen in dezelfde browsersessie, hooguit {hours} uur na de klik.',
  'program.deeplinking': 'Deeplinking',
  'program.deeplinkingNo':
    'Deeplinking is niet mogelijk: elke klik komt op de landingspagina van het programma.',
  'program.deeplinkingYes': 'Deeplinks mogen verwijzen naar: {domains}.',
  'program.productFeed': 'Productfeed',
  'program.prepayment': 'Prepayment programma',
  'program.yes': 'Ja',
  'program.no': 'Nee',
  'program.methods': 'Geaccepteerde marketingmethoden',
  'program.policies': 'Beleid',
  'program.method': 'Methode',
  'program.status': 'Status',
  'program.bonus': 'Nieuwe-koperbonus',
  'program.bonusIntro':
    'Een vast bedrag per gekwalificeerde bestelling van een nieuwe koper (die nog nooit bestelde), per land van de koper, bovenop de commissie.',
  'program.countries': 'Landen van de koper',
  'program.amount': 'Bonus',
  'program.cap': 'Maximum',
  'program.capText':
    'De productcommissie van één bestelling is maximaal {amount}; de nieuwe-koperbonus komt erbovenop.',
  'program.exclusions': 'Wat niets oplevert',
  'program.contacts': 'Contactpersonen',
  'program.documents': 'Programmadocumenten',
  'program.writtenIn': '(in het Engels)',
  'program.prohibited': 'Verboden inhoud',
  'program.apply': 'Aanmelden voor dit programma',
  'program.signupSteps': 'Aanmelden in drie korte stappen',
  'program.step1': 'Vul je e-mailadres in.',
  'program.step2': 'Vul je websiteadres en je gegevens in.',
  'program.step3':
    'Open de e-mail die we sturen en klik op de activeringslink. Meld je daarna aan voor het programma.',
  'program.startSignup': 'Begin met aanmelden',
  'program.validation': 'Validatie',
  'program.validationOnCompletion':
    'Een commissie wordt goedgekeurd zodra de adverteerder de aankoop als voltooid meldt; daarvoor is er geen automatische beslissing.',
  'program.validationDeadline': 'De adverteerder valideert binnen {days} dagen na de bestelling.',
  'policy.allowed': 'Toegestaan',
  'policy.after_approval': 'Toegestaan, na goedkeuring preview',
  'policy.closed': 'Gesloten',
  'policy.forbidden': 'Niet toegestaan',
  'contact.account_manager': 'Account manager',
  'contact.publisher_manager': 'Publisher manager',
  'contact.advertiser_contact': 'Contactpersoon adverteerder',
  'login.title': 'Inloggen',
  'login.email': 'E-mailadres',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.failed': 'E-mailadres of wachtwoord klopt niet.',
  'login.forgot': 'Wachtwoord vergeten?',
  'reset.title': 'Wachtwoord opnieuw instellen',
  'reset.intro':
    'Vul je e-mailadres in; als er een account bij hoort, sturen we een link om een nieuw wachtwoord te kiezen.',
  'reset.sent':
    'Als dat adres een account heeft, is er een link onderweg. Die werkt één keer, een uur lang.',
  'reset.choose': 'Kies een nieuw wachtwoord',
  'reset.done': 'Je wachtwoord is gewijzigd. Log ermee in.',
  'signup.title': 'Aanmelden als publisher',
  'signup.step': 'Stap {n} van 3',
  'signup.email': 'E-mailadres',
  'signup.continue': 'Verder gaan',
  'signup.website': 'Websiteadres',
  'signup.siteName': 'Naam van de website',
  'signup.name': 'Je naam',
  'signup.company': 'Bedrijf (optioneel)',
  'signup.country': 'Land (twee letters, bijv. NL)',
  'signup.vat': 'Btw-nummer (optioneel)',
  'signup.iban': 'IBAN voor uitbetalingen (optioneel)',
  'signup.password': 'Wachtwoord (minstens 10 tekens)',
  'signup.methods': 'Hoe promoot je?',
  'signup.submit': 'Account aanmaken',
  'signup.sent':
    'Bijna klaar: we stuurden een activeringslink naar {email}. Die werkt één keer, 24 uur lang.',
  'signup.activated': 'Je account is actief. Welkom!',
  'signup.brandWarning':
    'Je gegevens bevatten een merk van Alibaba Group of iets wat erop lijkt (AE-P5). Adverteerders zien dit bij je aanmelding en kunnen schriftelijke toestemming vastleggen:',
  'method.content_sites': 'Content- en reviewsites',
  'method.cashback_loyalty': 'Cashback / loyalty',
  'method.voucher_codes': 'Kortingscodes',
  'method.price_comparison': 'Prijsvergelijking',
  'method.email_marketing': 'E-mailmarketing',
  'method.social_media': 'Social media',
  'method.keyword_marketing': 'Keyword marketing',
  'method.brand_bidding': 'Brand bidding',
  'method.search_engine_advertising': 'Zoekmachineadverteren (SEA)',
  'method.google_shopping': 'Google Shopping',
  'method.pop_ups': 'Pop-ups en pop-unders',
  'method.cookie_stuffing': 'Cookie stuffing',
  'method.incentivised_traffic': 'Beloond verkeer (incentives)',
  'error.title': 'Er moet iets worden aangepast',
  'error.back': 'Terug',
};

const CATALOGUE: Record<Locale, Record<MessageKey, string>> = { en, nl };

/** The message in `locale`, with `{name}` placeholders filled in. */
export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const template = CATALOGUE[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** A message by a dynamic key (e.g. `policy.${status}`), or the key's last part if unknown. */
export function translateDynamic(locale: Locale, key: string): string {
  const template = (CATALOGUE[locale] as Record<string, string>)[key];
  return template ?? key.split('.').pop()!.replace(/_/g, ' ');
}
