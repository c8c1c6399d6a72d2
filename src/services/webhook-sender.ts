import http from 'node:http';
import https from 'node:https';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { refusedAddress } from './webhook-address-check.js';
import { DELIVERY_TIMEOUT_MS } from '../domain/webhooks/endpoint-rules.js';

/** A host's addresses (node:dns lookup with all: true, or a test's own). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export interface SenderOptions {
  /** WEBHOOKS_ALLOW_PRIVATE=true: any address (a self-hosted setup, tests). */
  allowPrivate: boolean;
  /** WEBHOOKS_ALLOW_HTTP=true: plain http too. */
  allowHttp: boolean;
  resolve: Resolver;
  timeoutMs: number;
  /** The network's public URL (PUBLIC_URL): its host's addresses are refused too. */
  publicUrl?: string | undefined;
}

export interface OutgoingRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What one attempt came to. */
export interface AttemptResult {
  /** The receiver's status; null when no answer came. */
  status: number | null;
  durationMs: number;
  /** The first 500 characters of the answer. */
  excerpt: string;
  /** Why no answer came (a refused address, a timeout, a connection error). */
  error: string | null;
  /** The answer's Retry-After, for 429 and 503. */
  retryAfter?: string | undefined;
  /** The attempt ran out of time (no whole answer within the timeout). */
  timedOut?: boolean | undefined;
}

const EXCERPT = 500;

/**
 * Sends webhooks and postbacks: resolves the host at every attempt and refuses it when any of
 * its addresses is loopback, private, link-local, reserved or the network's own (unless the
 * network allows private addresses), then connects to the address it checked (so a second DNS
 * answer cannot swap it: no rebinding), sending the name as Host and TLS server name. No
 * redirects are followed; the whole attempt ends after 15 s.
 */
export class WebhookSender {
  constructor(private readonly options: SenderOptions) {}

  /** Where `url` may not go, or undefined when it may (what the address check says now). */
  async refusal(url: URL): Promise<string | undefined> {
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp))
      return `${url.protocol} is not allowed: use https://`;
    const addresses = await this.#addresses(url);
    if (typeof addresses === 'string') return addresses;
    return undefined;
  }

  /**
   * The host's addresses, each checked as a delivery checks them, or why it may not be reached:
   * what another fetcher of advertisers' URLs (a feed source) connects to.
   */
  checkedAddresses(url: URL): Promise<string[] | string> {
    return this.#addresses(url);
  }

  async send(request: OutgoingRequest, startedMs = performance.now()): Promise<AttemptResult> {
    const took = () => Math.round(performance.now() - startedMs);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { status: null, durationMs: 0, excerpt: '', error: 'the URL is not valid' };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp))
      return {
        status: null,
        durationMs: 0,
        excerpt: '',
        error: `${url.protocol} is not allowed: use https://`,
      };
    const addresses = await this.#addresses(url);
    if (typeof addresses === 'string')
      return { status: null, durationMs: took(), excerpt: '', error: addresses };
    const answer = await this.#request(url, addresses[0]!, request);
    return { ...answer, durationMs: took() };
  }

  /** The host's checked addresses, or why it may not be reached. */
  async #addresses(url: URL): Promise<string[] | string> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (isIP(host) !== 0) addresses = [host];
    else {
      try {
        addresses = (await this.options.resolve(host)).map((entry) => entry.address);
      } catch (error) {
        return `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`;
      }
      if (addresses.length === 0) return `${host} does not resolve`;
    }
    if (this.options.allowPrivate) return addresses;
    const own = await this.#ownAddresses();
    for (const address of addresses) {
      const refused = refusedAddress(address, own);
      if (refused !== undefined)
        return host === address ? `refused: ${refused}` : `refused: ${host} resolves to ${refused}`;
    }
    return addresses;
  }

  /** This machine's interface addresses and its public host's. */
  async #ownAddresses(): Promise<Set<string>> {
    const own = new Set<string>();
    for (const entries of Object.values(networkInterfaces()))
      for (const entry of entries ?? []) own.add(entry.address.toLowerCase());
    if (this.options.publicUrl !== undefined) {
      const host = new URL(this.options.publicUrl).hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) !== 0) own.add(host.toLowerCase());
      else
        for (const entry of await this.options.resolve(host).catch(() => []))
          own.add(entry.address.toLowerCase());
    }
    return own;
  }

  #request(
    url: URL,
    address: string,
    request: OutgoingRequest,
  ): Promise<Omit<AttemptResult, 'durationMs'>> {
    const secure = url.protocol === 'https:';
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve) => {
      let settled = false;
      const done = (result: Omit<AttemptResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const outgoing = (secure ? https : http).request({
        host: address,
        port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        agent: false,
        ...(secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
        headers: {
          host: url.host,
          'user-agent': 'affnet-webhooks/1',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(body.length) }),
          ...request.headers,
        },
      });
      // A timeout fails the attempt even when a status came first (an answer dripped byte by
      // byte is no answer): settled here, before the destroy's close could finish it as one.
      const timer = setTimeout(() => {
        const error = `no answer within ${this.options.timeoutMs / 1000} s`;
        done({ status: null, excerpt: '', error, timedOut: true });
        outgoing.destroy(new Error(error));
      }, this.options.timeoutMs);
      outgoing.on('error', (error) => done({ status: null, excerpt: '', error: error.message }));
      outgoing.on('response', (response) => {
        let excerpt = '';
        response.setEncoding('utf8');
        const finish = () => {
          const status = response.statusCode ?? null;
          const retryAfter = response.headers['retry-after'];
          done({
            status,
            excerpt: excerpt.slice(0, EXCERPT),
            error: null,
            ...(status === 429 || status === 503 ? { retryAfter } : {}),
          });
          response.destroy();
        };
        response.on('data', (chunk: string) => {
          excerpt += chunk;
          if (excerpt.length >= EXCERPT) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
        response.on('close', finish);
      });
      outgoing.end(body);
    });
  }
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = {
  allowPrivate: false,
  allowHttp: false,
  resolve: systemResolver,
  timeoutMs: DELIVERY_TIMEOUT_MS,
};
