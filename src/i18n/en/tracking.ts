/** The advertiser's tracking setup page: what a webshop developer integrates from. */
export const TRACKING = {
  'tracking.title': 'Tracking setup',
  'tracking.link': 'Tracking setup',
  'tracking.intro':
    'Everything your shop’s developer needs to report sales to the network, with this program’s id and the network’s address filled in. Reports are accepted from the moment the network has approved the program.',
  'tracking.programId': 'Program id',
  'tracking.network': 'Network address',
  'tracking.notApproved':
    'The network has not approved this program yet: every report is refused (program_not_approved) until it does. You can prepare the integration and try it with a test conversion now.',
  'tracking.landingTitle': '1. The landing page: keep the click',
  'tracking.landingIntro':
    'A publisher’s link sends the visitor to {landingUrl} with tduid=… (the click id) added. Browsers block the network’s own cookie more and more, so keep the click in a cookie of your own shop: copy the first-party script to your shop as /affnet.js and load it on every page.',
  'tracking.scriptFrom': 'The script to copy: {url}',
  'tracking.pixelTitle': '2. The confirmation page: the pixel',
  'tracking.pixelIntro':
    'On the order confirmation page, report the sale once, with the script (it adds the click id it kept) or as an image tag. Replace the words in capitals with the order’s values.',
  'tracking.pixelScript': 'With the first-party script:',
  'tracking.pixelImage': 'As an image (1×1 GIF), or from your server (server to server):',
  'tracking.leadIntro':
    'A lead (event {event}, {name}) is reported with leadNumber instead of orderNumber and paid only with the checksum your server computes:',
  'tracking.parameters': 'Parameters',
  'tracking.param.organization': 'This program’s id.',
  'tracking.param.event':
    'The event: {events}. A sale with an event the program does not declare earns nothing (unknown_event).',
  'tracking.param.eventNone': 'Leave it out: this program pays every report as a sale.',
  'tracking.param.orderNumber':
    'Your order number. The pixel reports an order once; a different report of the same number is refused.',
  'tracking.param.orderValue':
    'The commissionable amount as a decimal with a point (249.95), without shipping.',
  'tracking.param.currency':
    'The ISO 4217 currency of the order (this program counts {currencies}).',
  'tracking.param.tduid':
    'The click id from the landing URL. Without it the network’s session cookie attributes the order; the first-party script adds it itself.',
  'tracking.param.reportInfo':
    'Optional product lines, URL-encoded: f1=sku&f2=name&f3=price&f4=quantity, lines separated by |; f5 is the category, which decides the commission group.',
  'tracking.param.voucher': 'Optional voucher codes used, comma-separated.',
  'tracking.param.checksum':
    'Required once the program has a checksum secret: v04… or v05…, computed by your server (section 4).',
  'tracking.apiTitle': '3. Server to server: the order API',
  'tracking.apiIntro':
    'Your server reports (and later completes, cancels or refunds) each order with an API key of your account. The order API needs no checksum: the key proves it is you. Answers 201 with the attribution and the commission, or 4xx with a code and what to fix.',
  'tracking.apiKeys': 'Make an API key on the API keys page.',
  'tracking.apiUpdate':
    'When the order is completed, cancelled or refunded (also per line), send its new status:',
  'tracking.checksumTitle': '4. The checksum',
  'tracking.checksumHow':
    'v04 (as Tradedoubler’s modules compute it): v04 followed by the hex md5 of secret + orderNumber (or leadNumber) + orderValue, each exactly as in the URL. v05 (every priced field signed; only pixel orders under a v05 checksum are approved at the validation deadline): v05 followed by the hex HMAC-SHA256, keyed with the secret, of the seven lines below joined by a line feed, each value as sent and empty when absent.',
  'tracking.checksumNever':
    'Compute it on your server, never in the browser: whoever has the secret can report orders in your name.',
  'tracking.workedExample': 'Worked example with this program’s current secret',
  'tracking.workedExampleIntro':
    'Computed by the network with your secret (not shown again): if your code gives the same two checksums for these values, it is right.',
  'tracking.workedExampleNone':
    'Generate a secret to see a worked example computed with it. The recipe, with the secret s3cr3t-example:',
  'tracking.signedText': 'The text v05 signs:',
  'tracking.refusalsTitle': '5. What the network refuses, and why',
  'tracking.refusalsIntro':
    'A report that cannot be read is answered with an error and stores nothing; a report that is read but not trusted is stored, earns nothing and shows its reason here and on the Transactions page.',
  'tracking.storedNoCommission': 'stored, earns nothing',
  'tracking.waits': 'stored, waits for your decision',
  'tracking.refuse.checksum_mismatch':
    'The checksum is missing or wrong for this program’s secret. Check the recipe in section 4 against the worked example.',
  'tracking.refuse.lines_value_mismatch':
    'The product lines (reportInfo or basket) do not add up to the checksummed orderValue.',
  'tracking.refuse.unknown_event': 'The event is not one this program declares.',
  'tracking.refuse.lead_unverified':
    'A lead by pixel without a valid checksum: a click proves no sign-up. Generate a secret and sign leads on your server.',
  'tracking.refuse.unsigned_fields':
    'A pixel order without a v05 checksum is never approved at the validation deadline; approve or decline it yourself, or sign with v05.',
  'tracking.refuse.invalid_parameter':
    'A required parameter is missing or malformed (orderNumber, orderValue, currency, an amount or quantity): the message names it.',
  'tracking.refuse.report_refused':
    'The order number was already reported differently: the pixel reports an order once; amend it with the order API.',
  'tracking.refuse.invalid_click_id':
    'The tduid or clickId is not a click id this network issued (altered or truncated): send it exactly as it arrived.',
  'tracking.refuse.program_not_approved':
    'The network has not approved the program (yet): no report is recorded.',
  'tracking.refuse.invalid_order':
    'The order document breaks its schema (order API): the issues name each field.',
  'tracking.statusTitle': 'Integration status',
  'tracking.statusIntro':
    'What reached the network for this program: the last reports by pixel and by the order API, and the last refused ones with their reasons (kept per program, at most {max}; refused reports appear within seconds).',
  'tracking.lastPixel': 'Last pixel reports',
  'tracking.lastApi': 'Last order API reports',
  'tracking.noneSeen': 'None seen yet.',
  'tracking.refusedReports': 'Refused reports',
  'tracking.noneRefused': 'No refused report.',
  'tracking.channel': 'Channel',
  'tracking.order': 'Order',
  'tracking.channel.pixel': 'pixel',
  'tracking.channel.api': 'order API',
  'tracking.channel.console': 'this page',
  'tracking.testTitle': 'Test conversion',
  'tracking.testIntro':
    'Try the integration without paying anyone: report an order with the test click id below, from your shop (open the landing URL, then buy; or send the pixel or the API with it) or from here. A test order is priced like a real one and shown below with its commission explained; it is never stored as an order, so it never reaches validation, an invoice, a statement or a payout.',
  'tracking.testClickId': 'Test click id',
  'tracking.testLanding': 'Landing URL with the test click',
  'tracking.testPixel': 'Test pixel',
  'tracking.sendTestOrder': 'Send a test order from here',
  'tracking.testOrderValue': 'Order value ({currency})',
  'tracking.testEvent': 'Event',
  'tracking.testSent':
    'Test order {orderNumber} arrived: commission {total} ({status}). Never paid: it is a test.',
  'tracking.testOrders': 'Test orders received',
  'tracking.noTests': 'No test order yet.',
  'tracking.commission': 'Commission',
  'tracking.explanation': 'How it is priced',
  'tracking.line': 'Line {sku}: base {base}, rate {rate}, commission {commission} (rule {rule})',
  'tracking.lineEarns': 'earns commission',
  'tracking.lineGroup': 'commission group “{group}”',
  'tracking.lineCatchAll':
    'commission group “{group}”, the one for every line whose category no other group lists, or that has no category',
  'tracking.testCategory': 'Category of the test line',
  'tracking.testNoCategory': 'None (catch-all group “{group}”)',
  'tracking.orderReasons': 'The order as a whole: {reasons}',
  'tracking.bonus': 'New-buyer bonus: {bonus}',
  'tracking.held': 'held until an exchange rate is known',
  'tracking.secretGenerated':
    'The new checksum secret, shown only now: copy it to your shop’s server configuration. Reports signed with the previous one fail from now on.',
  'tracking.adminNote':
    'You see this page as the network admin: the advertiser generates the secret and makes test conversions.',
} as const;
