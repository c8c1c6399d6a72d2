import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { dayNumberOfIsoDate, utcDayNumber } from '../domain/dates.js';
import { authenticateAdvertiser, authenticateAnyAdvertiser } from './authenticate-advertiser.js';
import { PROGRAM_ROUTES as ROUTES } from './contracts/programs.js';
import { routesOf } from './route.js';
import { HttpError } from './http-errors.js';
import { refuseDeepTerms } from '../programs/load-program-terms.js';

/**
 * A program's terms over the API: the advertiser replaces them with a YAML or JSON file (a new
 * version beside the old ones; refused with the line of each schema problem) and prices a
 * draft on the orders already recorded before it applies.
 */
export function registerProgramTermsRoutes(app: FastifyInstance, network: Network): void {
  // Terms files are YAML: accepted as text, parsed (with line numbers) by the service.
  for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'])
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(
        type,
        { parseAs: 'string', bodyLimit: 1_048_576 },
        (_r, body, done) => done(null, body),
      );

  const route = routesOf(app, network);

  /** The terms text of a body: a YAML/plain body as is, a JSON body as JSON text. */
  const termsText = (body: unknown): string => {
    if (typeof body === 'string') return body;
    if (body !== null && typeof body === 'object') {
      refuseDeepTerms(body);
      return JSON.stringify(body);
    }
    throw new HttpError('invalid_body', 'send the terms file as YAML (text/yaml) or JSON');
  };

  route(ROUTES.create, async ({ body }, request, reply) => {
    const owner = await authenticateAnyAdvertiser(network, request);
    const result = await network.programTerms.create(
      owner.advertiserId,
      termsText(body),
      { actor: owner.keyId },
      network.now(),
    );
    await network.refreshIfChanged();
    return reply.code(201).send({
      programId: result.program.id,
      slug: result.program.slug,
      termsId: result.termsId,
      page: `/programs/${result.program.slug}`,
      review: network.cache.program(result.program.id)?.review ?? 'in_review',
    });
  });

  route(ROUTES.replaceTerms, async ({ params: { programId }, body }, request) => {
    const owner = await authenticateAdvertiser(network, request, programId);
    const program = network.conversions.programOrThrow(programId);
    const result = await network.programTerms.applyTo(
      program.slug,
      termsText(body),
      { actor: owner.keyId },
      network.now(),
    );
    await network.refreshIfChanged();
    return {
      programId,
      termsId: result.termsId,
      changed: result.changed,
      review: network.cache.program(programId)?.review ?? program.review,
    };
  });

  route(ROUTES.simulate, async ({ params: { programId }, body }, request) => {
    await authenticateAdvertiser(network, request, programId);
    const program = network.conversions.programOrThrow(programId);
    const day = (text: string | undefined, fallback: number, name: string) => {
      if (text === undefined) return fallback;
      const parsed = dayNumberOfIsoDate(text);
      if (parsed === undefined)
        throw new HttpError('invalid_body', `${name}: expected YYYY-MM-DD, got "${text}"`);
      return parsed;
    };
    const to = day(body.to, utcDayNumber(network.now()), 'to');
    const from = day(body.from, to - 29, 'from');
    if (from > to) throw new HttpError('invalid_body', 'from: must not be after to');
    return network.simulations.simulate(
      program.slug,
      { source: body.terms, name: `${program.slug} (draft)` },
      { fromMs: from * 86_400_000, toMs: (to + 1) * 86_400_000 },
    );
  });
}
