/**
 * Notifications (issue 27, item 7): the mails of money and integration events, and the switches
 * on the account's notifications page.
 */
export const NOTIFICATIONS = {
  'notifications.title': 'Notifications',
  'notifications.intro':
    'Choose which mails you receive; each is on until you switch it off. They go to {email} in {language}, the language you last chose at the top of the page.',
  'notifications.language.en': 'English',
  'notifications.language.nl': 'Dutch',
  'notifications.kind.commission_digest': 'Daily digest of approved and declined commissions',
  'notifications.kind.commission_digest.hint':
    'One mail per day with the day’s decisions and their amounts.',
  'notifications.kind.statement_issued': 'Statement issued',
  'notifications.kind.statement_issued.hint': 'When your monthly statement is ready.',
  'notifications.kind.payout_sent': 'Payout sent',
  'notifications.kind.payout_sent.hint': 'When the network has paid a statement out.',
  'notifications.kind.application_received': 'New application',
  'notifications.kind.application_received.hint':
    'When a publisher applies to one of your programs.',
  'notifications.kind.invoice_issued': 'Invoice issued',
  'notifications.kind.invoice_issued.hint': 'When the network issues an invoice to you.',
  'notifications.kind.reports_refused': 'Reports being refused',
  'notifications.kind.reports_refused.hint':
    'When more than {threshold} pixel or API reports of a program are refused within an hour (at most one alert a day per program).',
  'notifications.kind.feed_failing': 'Product feed not fetched',
  'notifications.kind.feed_failing.hint':
    'When the network failed to fetch a program’s feed URL {failures} times in a row (one mail until a fetch succeeds again).',
  'notifications.none': 'There are no notifications to choose for this account.',
  'notifications.save': 'Save notifications',
  'notifications.saved': 'Your notification choices are saved.',
  'notifications.settings': 'Account settings',
  'email.commissionDigest.subject':
    'Your commissions of {day}: {approved} approved, {declined} declined',
  'email.commissionDigest.text': 'The decisions on your commissions on {day}:',
  'email.commissionDigest.approved': 'Approved  {amount}  {program}, order {order}',
  'email.commissionDigest.declined': 'Declined  {amount}  {program}, order {order}',
  'email.commissionDigest.more': '… and {count} more.',
  'email.commissionDigest.approvedTotal': 'Approved in total: {amount} ({count}).',
  'email.commissionDigest.declinedTotal': 'Declined in total: {amount} ({count}).',
  'email.commissionDigest.link': 'Your transactions: {link}',
  'email.commissionDigest.portal': 'Your transactions are in the portal: Transactions.',
  'email.statementIssued.subject': 'Your statement for {period}: {amount}',
  'email.statementIssued.text':
    'Your statement for {period} is issued: {amount} to be paid out with the next payout run.',
  'email.statementIssued.link': 'Your statement: {link}',
  'email.statementIssued.portal': 'The statement is in the portal: Statements.',
  'email.payoutSent.subject': 'Payout sent: {amount}',
  'email.payoutSent.text':
    'The network has paid {amount} to your bank account ({statements}). A credit transfer usually arrives within one or two working days.',
  'email.payoutSent.link': 'Your statements: {link}',
  'email.payoutSent.portal': 'Your statements are in the portal: Statements.',
  'email.reportsRefused.subject': 'Reports for {program} are being refused',
  'email.reportsRefused.text':
    'The network refused {count} pixel or API reports for {program} in the last hour ({codes}). Its integration may be broken: the orders these reports tell of earn no commission until they are reported correctly.',
  'email.reportsRefused.link': 'What was refused, and why: {link}',
  'email.reportsRefused.portal':
    'What was refused, and why: advertiser console → the program’s tracking page.',
  'email.feedFailing.subject': 'The product feed of {program} cannot be fetched',
  'email.feedFailing.text':
    'The network failed to fetch the product feed of {program} {failures} times in a row, from {url}. The last reason: {error}. Publishers keep the products of the last import meanwhile; the network keeps trying, less often.',
  'email.feedFailing.link': 'The feed and its last import: {link}',
  'email.feedFailing.portal':
    'The feed and its last import: advertiser console → Programs → Product feed.',
  'email.notifications.footer': 'You receive this mail because it is switched on: {link}',
  'email.notifications.footerPortal':
    'You receive this mail because it is switched on; switch it off in the portal: Notifications.',
} as const;
