/** What the advertiser's terms editor says, in English and Dutch. */
export const ADVERTISER_TERMS = {
  'advertiserTerms.intro':
    'Edit the terms file (YAML). Simulate prices your attributed orders of the last 30 days under the draft’s newest version beside what they earn now; publish makes it the current terms, a new version beside the earlier ones.',
  'advertiserTerms.leadsTracking':
    'Leads: this program pays a fixed fee per lead. A lead reported by pixel (or the first-party script) is paid only with a valid checksum computed by your server, v04 + md5(secret + lead number + order value as sent) or the full checksum v05 (NET-R3; only a v05 one is approved at the deadline, NET-R6); each event pays at most its perClick conversions per click (one lead unless the terms say otherwise, NET-R4). Leads reported with the order API and your key need no checksum.',
  'advertiserTerms.leadsWithoutSecret':
    'This program has no checksum secret: lead pixels are stored and earn nothing (lead_unverified). Generate one below (Pixel checksum secret), or with PUT /api/v1/advertiser/programs/{programId}/checksum-secret {"generate": true} (a session token) or affnet programs checksum {slug} --generate.',
  'advertiserTerms.leadsWithSecret':
    'This program has a checksum secret: signed lead pixels are paid.',
  'checksum.title': 'Pixel checksum secret',
  'checksum.isSet':
    'This program has a checksum secret: a pixel report must carry checksum=v04 + md5(secret + order or lead number + order value, as sent), or the full checksum v05 over every priced field (docs/tracking.md), the only one whose orders the validation deadline approves. Generating a new one replaces it at once: reports signed with the old secret fail from then on.',
  'checksum.notSet':
    'This program has no checksum secret: anyone who knows the pixel URL can report orders, and lead pixels earn nothing. Generate one and compute the checksum on your server, never in the browser.',
  'checksum.generate': 'Generate a checksum secret',
  'checksum.rotate': 'Generate a new secret',
  'checksum.remove': 'Remove the secret',
  'checksum.generated':
    'The new checksum secret, shown only now: copy it to your shop’s server configuration.',
  'checksum.example':
    'Example: order {orderNumber} with orderValue={orderValue} is reported with checksum={checksum}. With currency={currency} and event={event}, its full checksum (every priced field signed: only such pixel orders are approved at the validation deadline, NET-R6) is checksum={fullChecksum}.',
  'checksum.removed':
    'The checksum secret is removed: pixel reports are no longer checked, and lead pixels earn nothing.',
  'advertiserTerms.simulate': 'Simulate on recorded orders',
  'advertiserTerms.publish': 'Publish',
  'advertiserTerms.termsYaml': 'The program terms (YAML)',
  'advertiserTerms.preview': 'Preview the program page',
  'advertiserTerms.previewIntro':
    'The program page as publishers will read it under these terms (not published yet):',
  'advertiserTerms.newProgram': 'New program',
  'advertiserTerms.newProgramIntro':
    'Write the terms of your program (the example is a Dutch webshop; change its id, name and rates). The id becomes the program’s address and cannot be taken twice.',
  'advertiserTerms.create': 'Create the program',
  'advertiserTerms.published':
    'Published: terms {termsId} are current; orders are priced by the version in force when they were placed.',
  'advertiserTerms.unchanged': 'These terms are current already; nothing changed.',
  'advertiserTerms.refused': 'The file was not saved. Fix these problems:',
  'advertiserTerms.line': 'line {line}',
  'advertiserTerms.result':
    '{orders} orders, {lines} lines: now {current}, under the draft {draft} ({difference}).',
  'advertiserTerms.group': 'Commission group',
  'advertiserTerms.publisher': 'Publisher',
  'advertiserTerms.now': 'Now',
  'advertiserTerms.draft': 'Draft',
  'advertiserTerms.difference': 'Difference',
  'advertiserTerms.lines': 'Lines',
  'advertiserTerms.orders': 'Orders',
  'advertiserTerms.chart': 'Commission per publisher: now (bars) and under the draft (line)',
} as const;
