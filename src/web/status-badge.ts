import { html, type SafeHtml } from './html.js';
import type { Locale } from './i18n.js';

/**
 * Every status a person sees on a badge, in both languages: commissions, orders, invoices,
 * statements, payout runs, applications, enforcement actions, claims, mailings, email. The
 * stored code stays in the badge's class (its colour); the words are the reader's.
 */
export const STATUS_TEXT: Record<string, { en: string; nl: string }> = {
  pending: { en: 'pending', nl: 'in behandeling' },
  approved: { en: 'approved', nl: 'goedgekeurd' },
  declined: { en: 'declined', nl: 'afgewezen' },
  held: { en: 'held for review', nl: 'aangehouden' },
  paid: { en: 'paid', nl: 'betaald' },
  completed: { en: 'completed', nl: 'afgerond' },
  cancelled: { en: 'cancelled', nl: 'geannuleerd' },
  refunded: { en: 'refunded', nl: 'terugbetaald' },
  qualified: { en: 'qualified', nl: 'gekwalificeerd' },
  provisional: { en: 'provisional', nl: 'voorlopig' },
  disqualified: { en: 'disqualified', nl: 'gediskwalificeerd' },
  issued: { en: 'issued', nl: 'verstuurd' },
  payable: { en: 'payable', nl: 'uit te betalen' },
  carried_over: { en: 'carried over', nl: 'doorgeschoven' },
  settled: { en: 'settled', nl: 'verrekend' },
  withheld: { en: 'withheld', nl: 'opgeschort' },
  created: { en: 'created', nl: 'aangemaakt' },
  exported: { en: 'exported', nl: 'geëxporteerd' },
  active: { en: 'active', nl: 'actief' },
  lifted: { en: 'lifted', nl: 'opgeheven' },
  reversed: { en: 'reversed', nl: 'teruggedraaid' },
  ended: { en: 'ended', nl: 'beëindigd' },
  open: { en: 'open', nl: 'open' },
  confirmed: { en: 'confirmed', nl: 'bevestigd' },
  dismissed: { en: 'dismissed', nl: 'geseponeerd' },
  submitted: { en: 'submitted', nl: 'ingediend' },
  rejected: { en: 'rejected', nl: 'afgewezen' },
  upheld: { en: 'upheld', nl: 'toegekend' },
  revoked: { en: 'revoked', nl: 'ingetrokken' },
  terminated: { en: 'terminated', nl: 'beëindigd' },
  restricted: { en: 'restricted', nl: 'beperkt' },
  outbox: { en: 'in the outbox', nl: 'in de outbox' },
  queued: { en: 'queued', nl: 'in de wachtrij' },
  sent: { en: 'sent', nl: 'verzonden' },
  failed: { en: 'failed', nl: 'mislukt' },
};

/** A status in the reader's language (the code itself when it has no words yet). */
export function statusText(status: string | null | undefined, locale: Locale): string {
  if (status === null || status === undefined) return '';
  return STATUS_TEXT[status]?.[locale] ?? status.replace(/_/g, ' ');
}

/** A coloured badge for a status, in the reader's language. */
export function statusBadge(status: string | null | undefined, locale: Locale): SafeHtml {
  return html`<span class="badge ${status ?? ''}">${statusText(status, locale)}</span>`;
}
