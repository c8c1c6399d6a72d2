import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../package-root.js';

/** Where the guide to terms files is served (docs/writing-terms.md, as text). */
export const TERMS_GUIDE_PATH = '/docs/writing-terms.md';

/** Serves the guide the setup pages cite, so an advertiser reads it without the repository. */
export function registerTermsGuide(app: FastifyInstance): void {
  app.get(TERMS_GUIDE_PATH, async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(await readFile(join(packageRoot(), 'docs', 'writing-terms.md'), 'utf8')),
  );
}
