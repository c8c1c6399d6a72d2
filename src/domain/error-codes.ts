/**
 * The one table of error codes: every code affnet refuses with, anywhere (services, routes, the
 * framework's own refusals, the command line), with the HTTP status it is answered with and the
 * words a person reads in English. A code outside this table is a compile error where it is
 * thrown, so a new code cannot fall silently to 400. The words in other languages live with the
 * rest of that language in `src/i18n/` (keyed by `ErrorCode`, so a missing one does not compile).
 *
 * The English here is a summary for the portal's other languages to follow; an API client (and an
 * English reader of the portal) gets the message the service passes where it throws, which names
 * the exact field and value. `{name}` placeholders are filled in from the error's `values`.
 */
export const ERROR_CODES = {
  // Accounts and passwords
  invalid_email: { status: 400, en: 'expected an email address such as name@example.nl' },
  invalid_vat_number: { status: 400, en: 'the VAT number is not valid: {reason}' },
  invalid_iban: { status: 400, en: 'IBAN: {reason}' },
  registration_barred: {
    status: 403,
    en: 'this email address or website is barred from registering',
  },
  invalid_token: { status: 400, en: 'this link is not valid: use the link from the latest email' },
  token_used: { status: 410, en: 'this activation link was used already: log in' },
  token_expired: {
    status: 410,
    en: 'this activation link has expired: sign up again to get a new one',
  },
  invalid_password: {
    status: 400,
    en: 'use a password of at least 10 characters, other than the current one',
  },
  wrong_password: { status: 403, en: 'this is not your current password' },
  password_change_required: { status: 403, en: 'set a new password first' },
  login_failed: { status: 401, en: 'email address or password is wrong' },
  rate_limited: { status: 429, en: 'too many attempts: try again in {seconds} seconds' },
  invalid_signup: { status: 400, en: 'check these fields: {fields}' },
  invalid_site: { status: 400, en: 'check these fields: {fields}' },
  account_not_active: { status: 403, en: 'this account is not active' },
  invalid_body: { status: 400, en: 'check these fields: {parameters}' },
  // Sites, applications, links
  unknown_site: { status: 404, en: 'no such site among yours' },
  publisher_restricted: {
    status: 403,
    en: 'your account is {status} in the network: you cannot apply to programs',
  },
  advertiser_terminated: {
    status: 403,
    en: "this program's advertiser has terminated your account in its programs: you cannot apply to them while the termination stands (claim against it if it is wrong)",
  },
  advertiser_restricted: {
    status: 403,
    en: "this program's advertiser has restricted its collaboration with you: you cannot apply to its programs while the restriction stands (claim against it if it is wrong)",
  },
  advertiser_barred: {
    status: 403,
    en: "this program's advertiser has barred your email address or website from registering in its programs",
  },
  invalid_network_status: {
    status: 400,
    en: 'status: expected active, restricted or terminated',
  },
  network_status_reason_required: {
    status: 400,
    en: 'say why the publisher’s network status changes; it is in the audit log',
  },
  unknown_program: { status: 404, en: 'no such open program' },
  program_not_approved: {
    status: 409,
    en: 'the program is {status}: it records no orders until the network approves it',
  },
  review_reason_required: {
    status: 400,
    en: 'say why the program is refused; the advertiser reads it',
  },
  rules_not_accepted: { status: 400, en: 'accept the program rules to apply' },
  method_forbidden: { status: 400, en: '{method} is not allowed in this program ({rule})' },
  invalid_content_category: { status: 400, en: 'unknown content categories: {categories}' },
  already_applied: { status: 409, en: 'this site has applied already (status: {status})' },
  reason_required: { status: 400, en: 'give the publisher a reason for the rejection' },
  consent_text_required: { status: 400, en: 'write down what the consent covers' },
  unknown_application: { status: 404, en: 'no such application in your programs' },
  // Authorization refusals (403): the request is understood, but this account may not do it.
  not_approved: {
    status: 403,
    en: 'this site is not approved for this program: apply to the program with it first, and use it once the advertiser has approved it',
  },
  program_not_joined: {
    status: 403,
    en: 'none of your sites is approved in program {programId}: scope the postback to a program you promote, or to none',
  },
  unknown_ad: { status: 404, en: 'no such active ad in this program' },
  not_your_site: {
    status: 403,
    en: 'this site is not one of yours: use the id of one of your own sites',
  },
  deeplink_not_allowed: {
    status: 400,
    en: 'a deep link must be an http(s) address on {domains} (or a subdomain); leave it empty to link to the landing page',
  },
  deeplinks_not_allowed: {
    status: 400,
    en: 'this program does not allow deep links; leave the field empty to link to its landing page',
  },
  too_many_links: { status: 413, en: 'at most 1,000 links per request: split them' },
  // Ads (text links and banners)
  invalid_ad_text: {
    status: 400,
    en: 'write 1 to {max} characters of plain text, without < or > or control characters',
  },
  invalid_alt_text: {
    status: 400,
    en: 'alt text: describe the banner in 1 to {max} characters of plain text, without < or >',
  },
  invalid_banner_size: {
    status: 400,
    en: 'width and height: whole pixels from {min} to {max} each (a standard size or your own)',
  },
  ad_image_too_large: { status: 400, en: 'the image is {bytes} bytes; at most {max} (300 KB)' },
  ad_image_type: {
    status: 400,
    en: 'send a PNG, JPEG, GIF or WebP image (its bytes decide; SVG and other files are refused)',
  },
  ad_image_mislabelled: {
    status: 400,
    en: 'the image is sent as {declared} but its bytes are {actual}; send it as what it is',
  },
  ad_image_damaged: {
    status: 400,
    en: 'the image file is cut short or damaged ({problem}); send the whole file as your image editor saved it',
  },
  ad_image_size_mismatch: {
    status: 400,
    en: 'the image is {actual} pixels; a {size} banner needs an image of that size or twice it ({double})',
  },
  invalid_parameter: { status: 400, en: 'a parameter is not valid: {parameters}' },
  // Product feeds
  feed_unreadable: { status: 400, en: 'the feed file cannot be read as a product feed' },
  feed_format_unknown: {
    status: 415,
    en: 'send the feed as text/csv, text/tab-separated-values or application/xml (optionally gzip)',
  },
  feed_file_too_large: {
    status: 413,
    en: 'the feed file is larger than {max}: gzip it, or send it by API (POST …/feed-imports)',
  },
  feed_url_invalid: {
    status: 400,
    en: 'the feed URL must be an absolute https:// address without a password',
  },
  feed_url_not_https: { status: 400, en: 'the feed URL must start with https://' },
  feed_url_private_address: {
    status: 400,
    en: 'the feed URL’s host resolves to a private, loopback or link-local address',
  },
  invalid_feed_schedule: {
    status: 400,
    en: 'fetch the feed every 60 (hourly) to 10080 (weekly) minutes',
  },
  unknown_feed_source: { status: 404, en: 'the program has no feed URL' },
  unknown_feed_import: { status: 404, en: 'no such import of your program’s feed' },
  feed_import_running: {
    status: 409,
    en: 'an import of this program’s feed is running: wait for it to end, then send the file again',
  },
  feed_import_failed: {
    status: 500,
    en: 'the feed import failed on the server’s side: upload the file again',
  },
  feed_import_interrupted: {
    status: 503,
    en: 'the server stopped during the feed import: upload the file again',
  },
  // Promotions and voucher codes
  unknown_promotion: { status: 404, en: 'no such promotion in your programs' },
  invalid_promotion: { status: 400, en: 'check these fields: {fields}' },
  voucher_code_taken: {
    status: 409,
    en: 'the code {code} is already taken in this program by an exclusive code (or, for an exclusive one, by any promotion): choose another code',
  },
  promotion_code_published: {
    status: 409,
    en: 'the code {code} is already published: it cannot become exclusive to a site or move to another one; create a new promotion with a new code',
  },
  promotion_already_ended: {
    status: 400,
    en: 'the promotion would end at {endsAt}, which is not after now: set its end later (its start may be in the past)',
  },
  invalid_decision: { status: 400, en: 'choose approve or decline' },
  // Validation and transactions
  no_selection: { status: 400, en: 'select at least one transaction' },
  invalid_csv: {
    status: 400,
    en: 'the first line must name the columns: orderNumber,decision,reason',
  },
  invalid_decline_reason: { status: 400, en: 'a decline needs a reason: {reasons}' },
  unknown_order: { status: 404, en: 'no such order' },
  order_disqualified: { status: 409, en: 'the order is disqualified ({reasons})' },
  order_not_attributed: { status: 409, en: 'the order is not attributed to a publisher' },
  commission_held: { status: 409, en: 'the order is held' },
  order_flagged: { status: 409, en: 'the order has an open compliance flag' },
  commission_locked: { status: 409, en: 'the commission is on an issued statement' },
  unknown_commission: { status: 404, en: 'no such commission' },
  commission_paid: { status: 409, en: 'the order is already paid out' },
  // Compliance
  unknown_action: { status: 404, en: 'no such enforcement action' },
  claim_text_required: { status: 400, en: 'write your objection (at least 20 characters)' },
  too_many_attachments: { status: 400, en: 'at most {max} attachments' },
  attachment_too_large: { status: 400, en: '{file}: at most 5 MiB per file' },
  attachment_type: { status: 400, en: '{file}: send PDF, PNG, JPEG, GIF, WebP, plain text or CSV' },
  claim_too_late: { status: 400, en: 'the claim window closed on {deadline}' },
  claim_exists: { status: 400, en: 'a claim against this action exists already' },
  unknown_claim: { status: 404, en: 'no such claim in your programs' },
  claim_decided: { status: 400, en: 'this claim is decided already ({status})' },
  decision_required: { status: 400, en: 'write the decision and its reasons' },
  invalid_kind: { status: 400, en: 'choose a kind of action' },
  evidence_required: { status: 400, en: 'say what shows the breach' },
  invalid_rule: {
    status: 400,
    en: 'name the rule breached by its id in the program’s terms (prefix, dash, letter, number)',
  },
  invalid_amount: { status: 400, en: 'a deduction needs a positive amount in euros, e.g. 12.50' },
  invalid_deadline: { status: 400, en: 'a cure period needs a deadline in the future' },
  unknown_publisher: { status: 404, en: 'no such publisher' },
  deduction_exceeds_earnings: { status: 400, en: 'a deduction reaches at most EUR {max}' },
  action_not_active: { status: 400, en: 'this action is no longer active ({status})' },
  unknown_violation: { status: 404, en: 'no such flag in your programs' },
  violation_reviewed: { status: 400, en: 'this flag is reviewed already ({status})' },
  no_email_access: {
    status: 403,
    en: 'the advertiser has not given you access to the Email Approval tool: ask the advertiser to grant it for this program',
  },
  invalid_mailing: { status: 400, en: 'check the mailing' },
  unknown_mailing: { status: 404, en: 'no such mailing' },
  mailing_decided: { status: 400, en: 'this mailing is decided already ({status})' },
  comments_required: { status: 400, en: 'tell the publisher why the mailing is rejected' },
  // Programs
  invalid_secret: { status: 400, en: 'the secret needs 8 to 128 visible characters' },
  // Webhooks and postbacks (issue 28)
  invalid_webhook_url: { status: 400, en: 'the URL is not valid: {parameters}' },
  invalid_webhook_events: { status: 400, en: 'name the events, each one your account receives' },
  unknown_macro: { status: 400, en: 'the URL has a macro affnet does not know: {macro}' },
  refused_address: {
    status: 400,
    en: 'the address resolves to a private, loopback or link-local address',
  },
  unknown_webhook: { status: 404, en: 'no such endpoint among yours' },
  unknown_delivery: { status: 404, en: 'no such delivery of this endpoint' },
  too_many_webhooks: { status: 409, en: 'your account has the most endpoints it may have' },
  email_taken: { status: 409, en: 'this address has an account already' },
  program_of_another_advertiser: { status: 400, en: 'the program belongs to another advertiser' },
  program_exists: { status: 409, en: 'a program with this id exists already: choose another id' },
  terms_mismatch: { status: 400, en: 'the draft is the terms of another program' },
  unknown_draft: { status: 404, en: 'no such program draft among yours' },
  simulation_busy: {
    status: 429,
    en: 'a simulation of yours is running, or the network runs its most at once: try again in a few seconds',
  },
  terms_backdated: {
    status: 400,
    en: 'a new or changed version takes effect no earlier than when it is published, and a version in force before now is kept as it is: give the new version a new id and an effectiveFrom no earlier than {published} (an instant with its offset) or a date from {firstDay} on (a date alone starts at 00:00 UTC)',
  },
  network_fee_not_in_terms: {
    status: 400,
    en: 'the network fee is set by the network, not by the terms: remove the invoicing section',
  },
  invalid_network_fee: {
    status: 400,
    en: 'the network fee must be a decimal from 0 to 1 with at most 4 decimals (0.30 is 30 %)',
  },
  terms_too_large: {
    status: 413,
    en: 'the terms document is larger than 256 KiB: remove what the program does not use',
  },
  terms_too_complex: {
    status: 400,
    en: 'the terms use aliases more than 100 times: write the repeated part out',
  },
  terms_too_deep: { status: 400, en: 'the terms document nests deeper than 64 levels' },
  // Month end
  payout_run_not_exported: {
    status: 409,
    en: 'export the run’s SEPA file and have the bank execute it before marking it paid',
  },
  invalid_period: { status: 400, en: 'write the month as YYYY-MM' },
  network_invoicing_details_missing: {
    status: 409,
    en: 'the network has no invoicing details yet',
  },
  no_vat_rate: { status: 409, en: 'no VAT rate for the network’s country' },
  vat_number_changed: { status: 400, en: 'the VAT number on file is another one' },
  invalid_invoicing_details: {
    status: 400,
    en: 'the invoicing details are not complete or not valid',
  },
  period_not_ended: {
    status: 409,
    en: '{period} has not ended yet: this can only be done after the month ends',
  },
  unknown_invoice: { status: 404, en: 'no such invoice' },
  unknown_advertiser: { status: 404, en: 'no such advertiser' },
  invalid_execution_date: { status: 400, en: 'write the execution date as YYYY-MM-DD' },
  invalid_minimum_payout: {
    status: 400,
    en: 'write the minimum payout as an amount in EUR such as 50.00',
  },
  below_network_minimum: {
    status: 400,
    en: 'the network pays from EUR {minimum}; choose that amount or more',
  },
  nothing_to_pay: { status: 409, en: 'no payable statement can be paid' },
  payout_run_in_progress: {
    status: 409,
    en: 'another payout run took the same statements at the same moment; this one changed nothing',
  },
  invalid_sepa_file: { status: 400, en: 'the SEPA file could not be made' },
  unknown_payout_run: { status: 404, en: 'no such payout run' },
  empty_payout_run: { status: 400, en: 'the payout run has no payments' },
  payout_run_empty: { status: 400, en: 'the payout run has no payments to mark paid' },
  // Order reports, terms files, the HTTP edge and the command line
  // Internal: the order recorder asks its caller to price a report again under the order's own
  // terms (ConversionService retries); no client is answered with it.
  order_terms_differ: {
    status: 400,
    en: 'the order was recorded under earlier terms: its report is priced under those',
  },
  attribution_locked: {
    status: 409,
    en: 'the order is already invoiced or paid to the publisher its first report named: its attribution can no longer change',
  },
  bad_request: { status: 400, en: 'the request is not valid HTTP/1.1' },
  body_too_large: { status: 413, en: 'the request is too large: send less at once' },
  broken_link: {
    status: 400,
    en: 'this link is broken: ask the site that showed it to fix the link',
  },
  csrf_failed: {
    status: 403,
    en: 'this form expired or came from another site: reload the page and submit it again',
  },
  database_conflict: {
    status: 503,
    en: 'the database settled a conflict with another request and stored nothing: try again in a few seconds',
  },
  database_unavailable: {
    status: 503,
    en: 'the database is not reachable right now: try again in a few seconds',
  },
  public_url_not_set: {
    status: 503,
    en: 'this server sends no links by email until its operator sets PUBLIC_URL (the address people reach it at)',
  },
  debtor_not_configured: {
    status: 409,
    en: 'the account payouts are paid from is not configured (PAYOUT_DEBTOR_NAME, PAYOUT_DEBTOR_IBAN)',
  },
  ecb_fetch_failed: {
    status: 502,
    en: 'the ECB exchange rates could not be fetched: try again later',
  },
  forbidden: { status: 403, en: 'your account may not do this' },
  headers_too_large: {
    status: 431,
    en: 'the request headers are too large: shorten the URL or the cookies',
  },
  incomplete_link: {
    status: 400,
    en: 'this link is incomplete: ask the site that showed it to fix the link',
  },
  internal_error: { status: 500, en: 'something went wrong on our side; it has been logged' },
  invalid_change: {
    status: 400,
    en: 'the change to the order is not valid: send a status, or items with a status',
  },
  invalid_click_id: {
    status: 400,
    en: 'the click id is not one this network issued: send the tduid exactly as received',
  },
  invalid_json: { status: 400, en: 'the body is not valid JSON' },
  invalid_name: { status: 400, en: 'give the key a name' },
  invalid_order: { status: 400, en: 'the order cannot be priced as sent: check the fields named' },
  invalid_rates_file: { status: 400, en: 'the exchange-rates file is not valid' },
  invalid_terms: { status: 400, en: 'the terms do not follow the schema or contradict themselves' },
  invalid_url: { status: 400, en: 'the URL is not valid (a stray "%"?)' },
  login_required: { status: 401, en: 'log in to see this page' },
  network_invoicing_details_not_set: {
    status: 404,
    en: 'the network has no invoicing details yet',
  },
  not_found: { status: 404, en: 'there is nothing at this address' },
  order_not_found: { status: 404, en: 'no such order in this program: report it first' },
  program_not_available: {
    status: 404,
    en: 'this program is not open yet: the link leads nowhere until it is',
  },
  report_refused: { status: 409, en: 'the order was already reported: the pixel cannot change it' },
  request_timeout: { status: 408, en: 'the request took too long to arrive: send it again' },
  store_unavailable: { status: 503, en: 'the database cannot be opened: check its configuration' },
  too_many_rows: { status: 413, en: 'too many rows in one request: split the file' },
  unauthorized: { status: 401, en: 'log in, or send a valid key' },
  unknown_attachment: { status: 404, en: 'no such attachment among your claims' },
  unknown_calendar: { status: 400, en: 'no working-day calendar for this region' },
  unknown_key: { status: 404, en: 'no such active key among yours' },
  unknown_statement: { status: 404, en: 'no such statement' },
  unknown_terms: { status: 400, en: 'the stored terms of this order are missing' },
  unsupported_media_type: { status: 415, en: 'send the body in a format this address accepts' },
  uri_too_long: { status: 414, en: 'the URL is too long: shorten it' },
} as const satisfies Record<string, ErrorDefinition>;

/** What the table says of one code. */
export interface ErrorDefinition {
  /** The HTTP status the code is answered with. */
  readonly status: number;
  /** The words an English reader of the portal sees when no service message is at hand. */
  readonly en: string;
}

/** A stable error code: a key of the table. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The HTTP status `code` is answered with. */
export function statusOfCode(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** Whether `code` (from the wire, a stored row) is in the table. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
