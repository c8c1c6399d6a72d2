import { readTradedoublerQuery } from '../tracking/tradedoubler-query.js';
import { allowedDeeplink } from '../domain/programs/deeplinks.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Network } from '../server/network.js';
import { claimedMailing, readClickSignals } from '../tracking/click-signals.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import { programIsLive } from '../domain/programs/review.js';
import { siteStanding } from '../domain/attribution/judge-click.js';
import { statusOfCode, type ErrorCode } from '../domain/error-codes.js';

const MAX_ID = 64;
const MAX_EPI = 255;

/** The name of the session cookie of a program; it holds the signed id of the last click (AE-T3). */
export function sessionCookieName(programId: string): string {
  return `affnet_${programId.replace(/[^A-Za-z0-9_]/g, '')}`;
}

/**
 * A broken link's answer: a short page for the visitor's browser, or {code, message} for a
 * client that asks for JSON (a link checker, a publisher's tooling).
 */
function page(reply: FastifyReply, title: string, text: string, code: ErrorCode): FastifyReply {
  const status = statusOfCode(code);
  const accept = reply.request.headers.accept ?? '';
  if (accept.includes('application/json') && !accept.includes('text/html'))
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('application/json')
      .send({ code, message: text });
  const escape = (value: string) => value.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(text)}</p></html>`,
    );
}

/**
 * Where the visitor goes: the program's landing URL, or a deeplink only when the program allows
 * deeplinks and the target's host is on its allow-list (AE-T4); never anywhere else.
 */
function destination(program: CachedProgram, deeplink: string | undefined): URL {
  const target =
    deeplink === undefined
      ? undefined
      : allowedDeeplink(program.terms.file.tracking.deeplinking, deeplink);
  return target ?? new URL(program.landingUrl);
}

function withTduid(url: URL, tduid: string): string {
  url.searchParams.set('tduid', tduid);
  return url.toString();
}

/** The landing URL with `tduid=` ready for appending, per landing URL (the common case). */
const landingPrefixes = new Map<string, string>();

function landingWithTduid(program: CachedProgram, tduid: string): string {
  let prefix = landingPrefixes.get(program.landingUrl);
  if (prefix === undefined) {
    const url = new URL(program.landingUrl);
    url.searchParams.delete('tduid');
    const base = url.toString();
    prefix = `${base}${url.search === '' ? '?' : '&'}tduid=`;
    landingPrefixes.set(program.landingUrl, prefix);
  }
  // tduid is base32 and base64url: nothing in it needs encoding.
  return prefix + tduid;
}

/** `; Max-Age=…` for a program with a cookie window; nothing for a session cookie. */
function cookieLifetime(program: CachedProgram): string {
  const tracking = program.terms.file.tracking;
  return tracking.type === 'cookie' ? `; Max-Age=${tracking.cookieDays * 86_400}` : '';
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function registerClickRoute(app: FastifyInstance, network: Network): void {
  // Read by hand, not by a schema: the tolerant reader takes other shapes (docs/tracking.md).
  app.get<{ Querystring: Record<string, unknown> }>('/click', async (request, reply) => {
    let query = request.query;
    if (query.p === undefined || query.a === undefined) {
      // Not our own shape: Tradedoubler's parenthesised form (`click?p(1)a(2)g(3)`) or other
      // spellings (`P=`, `&amp;a=`), read by the tolerant reader (docs/tracking.md).
      const question = request.url.indexOf('?');
      query = Object.fromEntries(
        readTradedoublerQuery(question < 0 ? '' : request.url.slice(question + 1), {}).values,
      );
    }
    const programId = single(query.p);
    const siteId = single(query.a);
    const adId = single(query.g);
    const epi = single(query.epi) ?? null;
    const epi2 = single(query.epi2) ?? null;
    if (!programId || programId.length > MAX_ID)
      return page(
        reply,
        'Incomplete link',
        'This link has no program (p). Ask the site that showed it to fix the link.',
        'incomplete_link',
      );
    if (!siteId || siteId.length > MAX_ID)
      return page(
        reply,
        'Incomplete link',
        'This link has no site (a). Ask the site that showed it to fix the link.',
        'incomplete_link',
      );
    if ((epi?.length ?? 0) > MAX_EPI || (epi2?.length ?? 0) > MAX_EPI)
      return page(
        reply,
        'Broken link',
        `The sub id (epi, epi2) is longer than ${MAX_EPI} characters.`,
        'broken_link',
      );
    const program = network.cache.program(programId);
    if (program === undefined)
      return page(
        reply,
        'Unknown program',
        `There is no program "${programId}" on this network; the link is wrong or the program has ended.`,
        'unknown_program',
      );
    // A program the network has not approved (in review, refused) has a landing URL nobody has
    // vetted: the network's domain does not redirect to it (no open redirect for anyone who
    // can create a program), and nothing is recorded.
    if (program.review !== 'approved')
      return page(
        reply,
        'Program not available',
        `The program "${programId}" is not open yet (it awaits the network's review); the link does not lead anywhere until it is.`,
        'program_not_available',
      );
    const site = network.cache.site(siteId);
    if (site === undefined)
      return page(
        reply,
        'Unknown site',
        `There is no site "${siteId}" on this network; the link is wrong.`,
        'unknown_site',
      );

    // A program paused or closed tracks nothing: its clicks are recorded as not attributable
    // and set no cookie.
    const reason = !programIsLive(program)
      ? 'program_inactive'
      : siteStanding(site.publisherStatus, network.cache.membership(program.id, site.id));
    const now = network.now();
    const id = network.clickIds.next(now);
    const signals = readClickSignals({ headers: request.headers, query }, claimedMailing(query));
    const written = network.writer.recordClick({
      id,
      programId: program.id,
      siteId: site.id,
      adId: adId !== undefined && network.cache.adProgram(adId) === program.id ? adId : null,
      epi,
      epi2,
      ipHash: network.ipHasher.hash(request.ip),
      signals,
      notAttributableReason: reason,
    });
    let tduid: string;
    try {
      tduid = await written;
    } catch (error) {
      // The database is away: the visitor still reaches the shop (never an error page), without
      // a click id that would not attribute; the lost click is counted and logged.
      network.metrics.clicksLost.inc();
      request.log.warn(
        { err: error, programId: program.id, siteId: site.id },
        'click not stored (database unavailable); visitor sent to the landing page',
      );
      return reply
        .code(302)
        .header('location', program.landingUrl)
        .header('cache-control', 'no-store')
        .send();
    }
    network.metrics.clicks.inc({ attributable: reason === null ? 'yes' : 'no' });
    const deeplink = single(query.url);
    const target =
      deeplink === undefined
        ? landingWithTduid(program, tduid)
        : withTduid(destination(program, deeplink), tduid);
    const secure = request.protocol === 'https';
    // A session cookie (no Expires/Max-Age, AE-T1) or one of the program's cookie window; the
    // newest click overwrites it (AE-T3).
    const cookie = `${sessionCookieName(program.id)}=${tduid}; Path=/; HttpOnly; ${secure ? 'SameSite=None; Secure' : 'SameSite=Lax'}${cookieLifetime(program)}`;
    reply.code(302).header('location', target.toString()).header('cache-control', 'no-store');
    if (reason !== 'program_inactive') reply.header('set-cookie', cookie);
    return reply.send();
  });
}
