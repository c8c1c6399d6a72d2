import { checkBic } from '../domain/payments/bic.js';
import { checkIban } from '../domain/payments/iban.js';
import { DEFAULT_PAYMENT_DAYS } from '../domain/payments/invoice-vat.js';
import { DEFAULT_NETWORK_FEE_RATE, parseNetworkFeeRate } from '../domain/payments/network-fee.js';
import { DEFAULT_ECB_BASE_URL } from '../fx/ecb-files.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repos, type Scope } from '../storage/repositories/repos.js';
import { ConfigError, parseStorageConfig, type StorageConfig } from './storage-config.js';

export interface ServerConfig {
  port: number;
  host: string;
  workers: number;
  storage: StorageConfig;
  /**
   * Signs click ids and salts IP hashes; the same on every node of one network. Undefined when
   * SECRET is unset on PostgreSQL: then the network keeps a generated one in the database
   * (`resolveSecret`).
   */
  secret: string | undefined;
  /** Trust X-Forwarded-* from a proxy in front (protocol for Secure cookies, client IP). */
  trustProxy: boolean;
  /** Most clicks written in one group commit. */
  maxBatch: number;
  /** NODE_ID: this process's click id node number; unset, leased from the database. */
  nodeId: number | undefined;
  logLevel: string;
  /** SMTP_URL (smtp://user:pass@host:587): where email goes; unset, mail waits in the outbox. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the sender of the network's email. */
  mailFrom: string;
  /** PUBLIC_URL: the base of links in email; unset, taken from each request's host. */
  publicUrl: string | undefined;
  /** PAYOUT_DEBTOR_NAME, _IBAN, _BIC: the account payout runs pay from (SEPA files). */
  payoutDebtor: { name: string; iban: string; bic?: string | undefined } | undefined;
  /** PROGRAMS_DIR: an operator's folder of program terms files, loaded on start after the bundled ones. */
  programsDir: string | undefined;
  /** ECB_BASE_URL: where the ECB's rate files are fetched from. */
  ecbBaseUrl: string;
  /** ECB_FETCH=off stops the daily fetch of the ECB's rates (on by default). */
  ecbFetch: boolean;
  /** NETWORK_FEE_RATE: the network fee a new program starts with (`0.30`, the default, is 30 %). */
  networkFeeRate: string;
  /** INVOICE_PAYMENT_DAYS: days an advertiser has to pay an invoice (default 30). */
  invoicePaymentDays: number;
  /**
   * WEBHOOKS_ALLOW_PRIVATE=true: webhooks and postbacks may reach private, loopback and
   * link-local addresses (a self-hosted setup); WEBHOOKS_ALLOW_HTTP=true: plain http too.
   */
  webhooks: { allowPrivate: boolean; allowHttp: boolean };
}

export interface ServerFlags {
  port?: string;
  host?: string;
  workers?: string;
}

/** A true/false variable, false when unset. */
function flag(env: NodeJS.ProcessEnv, variable: string): boolean {
  const text = (env[variable] ?? 'false').trim().toLowerCase();
  if (text !== 'true' && text !== 'false')
    throw new ConfigError(variable, `expected true or false, got "${env[variable]}"`);
  return text === 'true';
}

function wholeNumber(variable: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(variable, `expected a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** NETWORK_FEE_RATE, or the default network fee for new programs when it is unset. */
export function networkFeeRateOf(env: NodeJS.ProcessEnv): string {
  const text = env.NETWORK_FEE_RATE?.trim();
  if (text === undefined || text === '') return DEFAULT_NETWORK_FEE_RATE;
  const rate = parseNetworkFeeRate(text);
  if (rate === undefined)
    throw new ConfigError(
      'NETWORK_FEE_RATE',
      `expected a decimal from 0 to 1 with at most 4 decimals ("0.30" is 30 %), got "${text}"`,
    );
  return rate;
}

/**
 * The server's settings from flags (first) and the environment, parsed once; a bad value fails
 * fast naming the variable. Without SECRET, a SQLite network keeps a generated one in
 * $DATA_DIR/secret and a PostgreSQL network in its database, shared by every node.
 */
export function parseServerConfig(env: NodeJS.ProcessEnv, flags: ServerFlags = {}): ServerConfig {
  const storage = parseStorageConfig(env);
  const port = wholeNumber(
    flags.port !== undefined ? '--port' : 'PORT',
    flags.port ?? env.PORT ?? '8080',
    0,
    65535,
  );
  const workers = wholeNumber(
    flags.workers !== undefined ? '--workers' : 'WORKERS',
    flags.workers ?? env.WORKERS ?? '1',
    1,
    64,
  );
  const maxBatch = wholeNumber('CLICK_BATCH_MAX', env.CLICK_BATCH_MAX ?? '5000', 1, 100_000);
  const host = flags.host ?? env.HOST ?? '0.0.0.0';
  const trustProxy = (env.TRUST_PROXY ?? 'false').toLowerCase();
  if (trustProxy !== 'true' && trustProxy !== 'false') {
    throw new ConfigError('TRUST_PROXY', `expected true or false, got "${env.TRUST_PROXY}"`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `expected one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`,
    );
  }
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(smtpUrl))
    throw new ConfigError(
      'SMTP_URL',
      `expected smtp://[user:pass@]host[:port] or smtps://…, got "${smtpUrl}"`,
    );
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl))
    throw new ConfigError('PUBLIC_URL', `expected http(s)://host[:port], got "${publicUrl}"`);
  const debtorName = env.PAYOUT_DEBTOR_NAME?.trim();
  const debtorIban = env.PAYOUT_DEBTOR_IBAN?.trim();
  if (Boolean(debtorName) !== Boolean(debtorIban))
    throw new ConfigError(
      debtorName ? 'PAYOUT_DEBTOR_IBAN' : 'PAYOUT_DEBTOR_NAME',
      'set both PAYOUT_DEBTOR_NAME and PAYOUT_DEBTOR_IBAN (the account payouts are paid from), or neither',
    );
  if (workers > 1 && storage.kind === 'sqlite')
    throw new ConfigError(
      flags.workers !== undefined ? '--workers' : 'WORKERS',
      `${workers} processes on one SQLite file take turns on its one write lock (measured: p99 over 1 s, fewer clicks and orders than one process); run one process (its writer thread already commits clicks and orders off the request thread), or set DATABASE_URL=postgres://… to run several`,
    );
  if (workers > 1 && env.NODE_ID !== undefined && env.NODE_ID.trim() !== '')
    throw new ConfigError(
      'NODE_ID',
      'set NODE_ID only for a single process; with --workers each worker leases its own node number',
    );
  const bicText = env.PAYOUT_DEBTOR_BIC?.trim() || undefined;
  const bic = bicText === undefined ? undefined : checkBic(bicText);
  if (bic !== undefined && !bic.valid) throw new ConfigError('PAYOUT_DEBTOR_BIC', bic.reason);
  if (debtorIban) {
    const iban = checkIban(debtorIban);
    if (!iban.valid) throw new ConfigError('PAYOUT_DEBTOR_IBAN', iban.reason);
  }
  return {
    payoutDebtor:
      debtorName && debtorIban
        ? { name: debtorName, iban: debtorIban, bic: bic?.valid ? bic.bic : undefined }
        : undefined,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'affnet <no-reply@affnet.local>',
    publicUrl,
    programsDir: env.PROGRAMS_DIR?.trim() || undefined,
    ecbBaseUrl: ecbBaseUrl(env.ECB_BASE_URL),
    networkFeeRate: networkFeeRateOf(env),
    invoicePaymentDays:
      env.INVOICE_PAYMENT_DAYS === undefined || env.INVOICE_PAYMENT_DAYS.trim() === ''
        ? DEFAULT_PAYMENT_DAYS
        : wholeNumber('INVOICE_PAYMENT_DAYS', env.INVOICE_PAYMENT_DAYS, 0, 365),
    webhooks: {
      allowPrivate: flag(env, 'WEBHOOKS_ALLOW_PRIVATE'),
      allowHttp: flag(env, 'WEBHOOKS_ALLOW_HTTP'),
    },
    ecbFetch: !['off', 'false', '0', 'no'].includes((env.ECB_FETCH ?? 'on').trim().toLowerCase()),
    port,
    host,
    workers,
    storage,
    secret: configuredSecret(env, storage),
    trustProxy: trustProxy === 'true',
    maxBatch,
    logLevel,
    nodeId:
      env.NODE_ID === undefined || env.NODE_ID.trim() === ''
        ? undefined
        : wholeNumber('NODE_ID', env.NODE_ID, 0, 31),
  };
}

function configuredSecret(env: NodeJS.ProcessEnv, storage: StorageConfig): string | undefined {
  const given = env.SECRET;
  if (given !== undefined) {
    if (given.length < 32)
      throw new ConfigError(
        'SECRET',
        `expected at least 32 characters (e.g. openssl rand -hex 32), got ${given.length}`,
      );
    return given;
  }
  if (storage.kind === 'postgres') return undefined; // kept in the database: resolveSecret
  const dir = join(storage.file, '..');
  const file = join(dir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The network's secret: SECRET when set (or the SQLite file's), else the one stored in the
 * database, created by the first node to ask (every node then reads the same one).
 */
export async function resolveSecret(config: ServerConfig, store: Scope): Promise<string> {
  if (config.secret !== undefined) return config.secret;
  return repos(store).settings.setIfAbsent('secret', randomBytes(32).toString('hex'));
}

/** ECB_BASE_URL as a URL ending in `/` (the ECB's own by default). */
function ecbBaseUrl(text: string | undefined): string {
  const value = text?.trim() || DEFAULT_ECB_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(value))
    throw new ConfigError('ECB_BASE_URL', `expected http(s)://host/path/, got "${value}"`);
  return value.endsWith('/') ? value : `${value}/`;
}
