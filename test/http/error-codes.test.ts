import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/domain/error-codes.js';
import { DomainError } from '../../src/domain/errors.js';
import { createErrorHandler, HttpError } from '../../src/http/http-errors.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { translate } from '../../src/i18n/catalogue.js';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

/**
 * Every code of the table, thrown by a service (DomainError) and by a route (HttpError), is
 * answered with the table's status and its own code by the app's error handler; and every code
 * has words in every language, none a copy of another language's.
 */
describe('the table of error codes', () => {
  const app = Fastify({ logger: false });
  app.setErrorHandler(createErrorHandler());
  app.get('/domain/:code', async (request) => {
    const { code } = request.params as { code: ErrorCode };
    throw new DomainError(code, `refused with ${code}`);
  });
  app.get('/http/:code', async (request) => {
    const { code } = request.params as { code: ErrorCode };
    throw new HttpError(code, `refused with ${code}`);
  });
  beforeAll(() => app.ready());
  afterAll(() => app.close());

  it('holds well over a hundred codes, each with a status a client can act on', () => {
    expect(CODES.length).toBeGreaterThan(100);
    for (const code of CODES) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect([400, 401, 403, 404, 408, 409, 410, 413, 414, 415, 429, 431, 500, 502, 503]).toContain(
        ERROR_CODES[code].status,
      );
    }
  });

  it.each(['domain', 'http'])(
    'answers every code thrown as a %s error with its status',
    async (kind) => {
      const wrong: string[] = [];
      for (const code of CODES) {
        const answer = await app.inject({ url: `/${kind}/${code}` });
        const body = answer.json<{ code: string; message: string }>();
        if (
          answer.statusCode !== ERROR_CODES[code].status ||
          body.code !== code ||
          body.message !== `refused with ${code}`
        )
          wrong.push(`${code}: ${answer.statusCode} ${body.code}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('words every code in every language, each language its own words', () => {
    const missing: string[] = [];
    const copies: string[] = [];
    for (const code of CODES) {
      const texts = LOCALES.map((locale) => translate(locale, `refusal.${code}`));
      for (const [index, text] of texts.entries())
        if (text.trim() === '') missing.push(`${LOCALES[index]}: ${code}`);
      if (new Set(texts).size !== texts.length) copies.push(code);
    }
    expect(missing).toEqual([]);
    expect(copies).toEqual([]);
  });
});
