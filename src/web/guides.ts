import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../package-root.js';

/**
 * The guides the portal's pages cite, served as text from the package's docs/ (package.json
 * "files" ships each), so a user reads them without the repository.
 */
export const SERVED_GUIDES = ['writing-terms.md', 'integrations.md', 'feeds-and-promotions.md'];

/** Where a served guide is (`docs/NAME.md` at `/docs/NAME.md`). */
export const guidePath = (name: (typeof SERVED_GUIDES)[number]) => `/docs/${name}`;

/** Where the guide to terms files is served (docs/writing-terms.md, as text). */
export const TERMS_GUIDE_PATH = guidePath('writing-terms.md');
/** Where the guide to webhooks and postbacks is served (docs/integrations.md). */
export const INTEGRATIONS_GUIDE_PATH = guidePath('integrations.md');
/** Where the guide to product feeds and promotions is served (docs/feeds-and-promotions.md). */
export const FEEDS_GUIDE_PATH = guidePath('feeds-and-promotions.md');

/** Serves each guide the pages cite, as plain text (Markdown reads as it is). */
export function registerGuides(app: FastifyInstance): void {
  for (const name of SERVED_GUIDES)
    app.get(guidePath(name), async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(await readFile(join(packageRoot(), 'docs', name), 'utf8')),
    );
}
