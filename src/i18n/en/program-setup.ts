/** The guided program setup and program drafts in the advertiser's console (issue 27, item 4). */
export const PROGRAM_SETUP = {
  'programSetup.title': 'New program',
  'programSetup.draftTitle': 'Draft: {name}',
  'programSetup.intro':
    'Describe your program in this form: it writes the program’s terms for you. Save it as a draft to finish later (a draft is not visible to publishers and tracks nothing), and submit it for the network’s review when it is ready: publishers see the program once the network approves it.',
  'programSetup.guide': 'What every field of a terms file means, with examples:',
  'programSetup.guideLink': 'Writing program terms (docs/writing-terms.md)',
  'programSetup.yamlLink':
    'Advanced: write the terms file in YAML (for what this form does not ask: country groups, caps, exclusions, bonuses, documents)',
  'programSetup.formLink': 'Back to the guided form',
  'programSetup.yamlTitle': 'New program in YAML',
  'programSetup.yamlDraftIntro':
    'The draft’s terms file: change anything the schema allows, save it, and submit it for the network’s review when it is ready.',
  'programSetup.yamlDraftNote':
    'This draft is edited as a terms file now; saving it here keeps it in YAML (the guided form is not kept).',
  'programSetup.sectionProgram': 'The program',
  'programSetup.sectionCommission': 'Commission on sales',
  'programSetup.sectionLeads': 'Leads (a fixed fee per sign-up)',
  'programSetup.sectionTracking': 'Tracking and validation',
  'programSetup.sectionMethods': 'Promotion methods',
  'programSetup.sectionContact': 'Contact',
  'programSetup.field.id': 'Program id',
  'programSetup.hint.id':
    'Lower-case letters, digits and "-", such as lampenhuis: the program’s address (/programs/lampenhuis). It cannot be changed later.',
  'programSetup.field.name': 'Program name',
  'programSetup.field.company': 'Company name',
  'programSetup.hint.company': 'The advertiser publishers read on the program page.',
  'programSetup.field.descriptionNl': 'Description in Dutch',
  'programSetup.field.descriptionEn': 'Description in English',
  'programSetup.field.landingUrl': 'Landing page',
  'programSetup.hint.landingUrl':
    'Where a link without a deep link takes the visitor, such as https://www.lampenhuis.example/',
  'programSetup.field.deeplinkDomains': 'Deep link domains',
  'programSetup.hint.deeplinkDomains':
    'Host names a publisher may link to directly (their subdomains too), separated by commas, such as lampenhuis.example. Empty: no deep links.',
  'programSetup.field.currencies': 'Order currencies',
  'programSetup.hint.currencies':
    'The currencies your orders are paid in, such as EUR (others are converted by the ECB’s rate). Commission is paid in euros.',
  'programSetup.field.categories': 'Program categories',
  'programSetup.hint.categories':
    'What you sell, for the program directory, separated by commas, such as lighting, home-garden',
  'programSetup.field.markets': 'Markets',
  'programSetup.hint.markets':
    'The countries your buyers are in, two-letter codes separated by commas, such as NL, BE',
  'programSetup.groupsIntro':
    'An order line earns the rate of the first group whose categories it carries; the last group earns on everything else. Fill in as many rows as you need.',
  'programSetup.group': 'Commission group {number}',
  'programSetup.field.groups': 'Commission groups',
  'programSetup.field.groupNameNl': 'Name in Dutch',
  'programSetup.field.groupNameEn': 'Name in English',
  'programSetup.field.groupRate': 'Commission (%)',
  'programSetup.hint.groupRate': 'Percent of the order value, such as 6 or 6.5',
  'programSetup.field.groupCategories': 'Product categories',
  'programSetup.hint.groupCategories':
    'The categories your order lines carry that earn this rate, separated by commas. Leave empty in the last group.',
  'programSetup.leadsIntro':
    'Leave empty if you pay on sales only. Your site reports a lead with its event id (2, 3, …; a sale is event 1), and it earns a fixed fee.',
  'programSetup.lead': 'Lead {number}',
  'programSetup.field.leadName': 'What the visitor does',
  'programSetup.hint.leadName': 'Such as Newsletter sign-up',
  'programSetup.field.leadAmount': 'Fee per lead (EUR)',
  'programSetup.field.cookieDays': 'Cookie window (days)',
  'programSetup.hint.cookieDays':
    'How long after a click an order still counts for the publisher: 1 to 365 days.',
  'programSetup.field.validationDays': 'Validation period (days)',
  'programSetup.hint.validationDays':
    'Within how many days after an order you approve or decline it (1 to 730). Empty: no deadline.',
  'programSetup.field.atDeadline': 'At the end of the validation period',
  'programSetup.sectionVouchers': 'Voucher codes',
  'programSetup.vouchersIntro':
    'You can give a publisher’s site a voucher code of its own (Promotions page). Does an order with such a code earn that publisher the commission?',
  'programSetup.vouchersNone':
    'No: the code gives the buyer the discount, but only a click on a publisher’s link credits a publisher.',
  'programSetup.vouchersFallback':
    'Only without a click: an order that no click credits goes to the site whose code it reports.',
  'programSetup.vouchersWins':
    'Always: an order reporting the code goes to the code’s site, even when another publisher’s click came first.',
  'programSetup.field.voucherCodes': 'An order with a publisher’s own voucher code',
  'programSetup.voucher.none': 'Credits nobody for the code',
  'programSetup.voucher.fallback': 'Credits the code’s site when no click does',
  'programSetup.voucher.wins': 'Credits the code’s site, even over a click',
  'programSetup.deadline.none': 'Nothing happens: an order stays pending',
  'programSetup.deadline.approve': 'Orders still pending are approved',
  'programSetup.deadline.decline': 'Orders still pending are declined',
  'programSetup.methodsIntro':
    'What publishers may do to promote you. Not mentioned: publishers ask you first.',
  'programSetup.field.methods': 'Promotion methods',
  'programSetup.method.none': 'Not mentioned',
  'programSetup.method.allowed': 'Allowed',
  'programSetup.method.after_approval': 'After your approval',
  'programSetup.method.forbidden': 'Forbidden',
  'programSetup.field.acceptedNl': 'In your own words, in Dutch (optional)',
  'programSetup.field.acceptedEn': 'In your own words, in English (optional)',
  'programSetup.hint.accepted': 'Shown above the list of methods on the program page.',
  'programSetup.field.contactName': 'Contact name',
  'programSetup.hint.contactName': 'Empty: the company name.',
  'programSetup.field.contactEmail': 'Contact email (optional)',
  'programSetup.preview': 'Preview the program page',
  'programSetup.draft': 'Save as draft',
  'programSetup.create': 'Submit for network review',
  'programSetup.remove': 'Delete this draft',
  'programSetup.removeConfirm': 'Delete this draft? It cannot be undone.',
  'programSetup.refused': 'Nothing was saved. Fix these fields:',
  'programSetup.saved':
    'Saved as a draft: not visible to publishers and not tracked. Submit it for the network’s review when it is ready.',
  'programSetup.submitted':
    'Program {name} is sent to the network’s review: publishers see it, and its links work, once the network approves it.',
  'programSetup.removed': 'The draft {name} is deleted.',
  'programSetup.drafts': 'Drafts',
  'programSetup.draftsIntro': 'Saved, not submitted: publishers do not see them.',
  'programSetup.savedAt': 'saved {date}',
  'programSetup.edit': 'Edit',
  'programSetup.problem.required': 'Fill this in.',
  'programSetup.problem.tooLong': 'At most {max} characters.',
  'programSetup.problem.id':
    'Use lower-case letters, digits, "-" and "_", starting with a letter or digit, such as lampenhuis.',
  'programSetup.problem.url':
    'Give a full web address starting with https://, such as https://www.lampenhuis.example/.',
  'programSetup.problem.domain':
    '"{value}" is not a host name: give names such as lampenhuis.example, separated by commas, without https:// or a path.',
  'programSetup.problem.currency':
    '"{value}" is not a currency code: use codes such as EUR or USD, separated by commas.',
  'programSetup.problem.category':
    '"{value}" is not a category: use lower-case words joined by "-", such as home-garden, separated by commas.',
  'programSetup.problem.country':
    '"{value}" is not a country code: use two letters such as NL or BE, separated by commas.',
  'programSetup.problem.rate':
    'Give a percentage from 0 to 100 with at most 4 decimals, such as 6 or 6.5.',
  'programSetup.problem.amount': 'Give an amount in euros with at most 2 decimals, such as 1.50.',
  'programSetup.problem.days': 'Give a whole number of days from {min} to {max}.',
  'programSetup.problem.deadlineNeedsDays':
    'Approving or declining at the end needs a validation period: give the number of days, or choose "Nothing happens".',
  'programSetup.problem.email':
    'Give an email address such as affiliates@lampenhuis.example, or leave it empty.',
  'programSetup.problem.choice': 'Choose one of the options.',
  'programSetup.problem.lastGroupMatchesAll':
    'The last group earns on everything not matched before: leave its categories empty, or add a group after it.',
  'programSetup.problem.groupNeedsCategories':
    'Only the last group may earn on everything: name the categories this group pays for.',
  'programSetup.problem.tooManyRows': 'At most {max} rows.',
  'programSetup.field.effectiveFrom': 'New rates take effect on',
  'programSetup.hint.effectiveFrom':
    'Changed rates, currencies or voucher-code choice become a new version from this day (tomorrow at the earliest); orders placed before it keep the rates and the choice they had.',
  'programSetup.problem.date': 'Give a date such as {example}.',
  'programSetup.problem.backdated':
    'A change cannot take effect before it is published: choose {earliest} or later.',
  'programSetup.editTitle': 'Edit {name}',
  'programSetup.editLink': 'Edit in the guided form',
  'programSetup.editIntro':
    'Change what your program page says, your rates and your rules. Changed rates take effect on the date you give; everything else as soon as you publish. YAML stays available in the terms editor.',
  'programSetup.notGuided':
    'These terms say more than the guided form asks (country groups, caps, documents, …): edit them in YAML in the terms editor.',
  'programSetup.problem.landingOutsideDomains':
    'Your landing page is on {value}, which is not among these domains: add it (or the domain it is part of), or leave the list empty.',
  'programSetup.problem.taken': 'A program with this id exists already: choose another id.',
} as const;
