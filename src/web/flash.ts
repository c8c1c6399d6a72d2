import type {} from '@fastify/cookie';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trusted, type SafeHtml } from './html.js';
import { SESSION_COOKIE } from '../auth/sessions.js';

/**
 * The outcome of a form post, carried across its 303 to the page's GET (Post/Redirect/Get): a
 * cookie for one request, encrypted and authenticated with the network's key (AES-256-GCM), so
 * only this server writes what the page shows (a new API key or checksum secret in it stays
 * unreadable in the cookie store), bound to the path it is shown on and taken by that GET.
 */
const FLASH_COOKIE = 'affnet_flash';
/** Long enough for a slow redirect, short enough that an unread flash does not linger. */
const LIFETIME_S = 120;
/** A cookie is at most 4096 bytes with its name and attributes. */
const MAX_VALUE = 3800;

/** What a page's GET shows after the post: a notice, and for a multi-step form its values. */
export interface Flash {
  notice?: SafeHtml;
  form?: Record<string, string | string[]>;
}

interface Stored {
  /** The path the flash is for. */
  p: string;
  /** The session it is for (a digest of its token; absent for a visitor without one). */
  s?: string;
  /** The notice's markup (ours: it was rendered by this server). */
  n?: string;
  f?: Record<string, string | string[]>;
}

/** The session token a reply sets (a login) or clears (null: a logout), by request. */
const NEXT_SESSION = new WeakMap<FastifyRequest, string | null>();

/** Tells the flash which session the next request will carry: the one this reply sets. */
export function noteSessionChange(request: FastifyRequest, token: string | null): void {
  NEXT_SESSION.set(request, token);
}

function sessionDigest(token: string | null | undefined): string | undefined {
  if (token === null || token === undefined || token === '') return undefined;
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

function seal(key: Buffer, stored: Stored): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([
    cipher.update(deflateRawSync(Buffer.from(JSON.stringify(stored)))),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function open(key: Buffer, value: string): Stored | undefined {
  try {
    const bytes = Buffer.from(value, 'base64url');
    // Node's decoder skips what it cannot read (a stray trailing character): only the exact
    // text this server wrote opens.
    if (bytes.length < 29 || bytes.toString('base64url') !== value) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
    const stored = JSON.parse(inflateRawSync(plain, { maxOutputLength: 1 << 16 }).toString());
    return typeof stored === 'object' && stored !== null && typeof stored.p === 'string'
      ? (stored as Stored)
      : undefined;
  } catch {
    return undefined; // forged, tampered with, or from before a key change: nothing to show
  }
}

/**
 * Keeps `flash` for the next GET of `path` (a path on this site). `notices` are alternatives,
 * longest first: the first that fits in a cookie is kept (a long result list falls back to its
 * summary), the form values only when they fit with it.
 */
export function setFlash(
  key: Buffer,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  notices: readonly SafeHtml[],
  form?: Record<string, string | string[]>,
): void {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`not a local path: ${path}`);
  // Bound to the session the redirect's GET will carry: a flash (a new API key in it) copied
  // into another browser, or another account's session, shows nothing there.
  const next = NEXT_SESSION.has(request)
    ? NEXT_SESSION.get(request)
    : request.cookies[SESSION_COOKIE];
  const s = sessionDigest(next);
  const base = s === undefined ? { p: path } : { p: path, s };
  const candidates: Stored[] = [
    ...notices.flatMap((notice) => [
      ...(form === undefined ? [] : [{ ...base, n: notice.text, f: form }]),
      { ...base, n: notice.text },
    ]),
    ...(notices.length === 0 && form !== undefined ? [{ ...base, f: form }] : []),
  ];
  for (const stored of candidates) {
    const value = seal(key, stored);
    if (value.length > MAX_VALUE) continue;
    void reply.setCookie(FLASH_COOKIE, value, { ...cookieOptions(request), maxAge: LIFETIME_S });
    return;
  }
}

/**
 * The flash for this request's page, taken: the cookie is cleared, so a refresh of the page
 * shows it no more. A flash for another path stays for its own page.
 */
export function takeFlash(
  key: Buffer,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
): Flash | undefined {
  const value = request.cookies[FLASH_COOKIE];
  if (value === undefined || value === '') return undefined;
  const stored = open(key, value);
  if (stored !== undefined && stored.p !== path) return undefined;
  void reply.clearCookie(FLASH_COOKIE, cookieOptions(request));
  if (stored === undefined) return undefined;
  if (stored.s !== undefined && stored.s !== sessionDigest(request.cookies[SESSION_COOKIE]))
    return undefined;
  return {
    ...(stored.n === undefined ? {} : { notice: trusted(stored.n) }),
    ...(stored.f === undefined ? {} : { form: stored.f }),
  };
}
