import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import type { AdView } from '../services/ads-service.js';
import { AD_ROUTES as ROUTES } from './contracts/ads.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { authenticateUser, publisherIdOf } from './user-auth.js';
import { baseUrl } from './base-url.js';
import { HttpError } from './http-errors.js';
import { routesOf } from './route.js';

/** An ad as the API answers it: its image as an absolute URL, instants in ISO 8601. */
export function adAnswer(ad: AdView, base: string) {
  const { imagePath, createdAt, retiredAt, ...rest } = ad;
  return {
    ...rest,
    imageUrl: imagePath === null ? null : `${base}${imagePath}`,
    createdAt: new Date(createdAt).toISOString(),
    retiredAt: retiredAt === null ? null : new Date(retiredAt).toISOString(),
  };
}

/**
 * Ads over the API: an advertiser lists, adds and retires its own program's ads (API key or
 * session); a publisher lists the active ads of a program one of its sites is approved in.
 */
export function registerAdsApiRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  const answer = (request: FastifyRequest) => {
    const base = baseUrl(network, request);
    return (ad: AdView) => adAnswer(ad, base);
  };

  route(ROUTES.list, async ({ params: { programId } }, request) => {
    const owner = await authenticateAdvertiser(network, request, programId);
    const ads = await network.ads.ofProgram(owner.advertiserId, programId);
    return { ads: ads.map(answer(request)) };
  });

  route(ROUTES.create, async ({ params: { programId }, body }, request, reply) => {
    const owner = await authenticateAdvertiser(network, request, programId);
    const input =
      body.kind === 'text'
        ? body
        : {
            ...body,
            image: {
              contentType: body.image.contentType,
              bytes: Buffer.from(body.image.data.replace(/\s/g, ''), 'base64'),
            },
          };
    const ad = await network.ads.create(
      owner.advertiserId,
      programId,
      input,
      owner.keyId,
      network.now(),
    );
    await network.refreshIfChanged();
    return reply.code(201).send(answer(request)(ad));
  });

  route(ROUTES.retire, async ({ params: { programId, adId } }, request) => {
    const owner = await authenticateAdvertiser(network, request, programId);
    const retired = await network.ads.retire(
      owner.advertiserId,
      programId,
      adId,
      owner.keyId,
      network.now(),
    );
    await network.refreshIfChanged();
    return { ad: answer(request)(retired.ad), changed: retired.changed };
  });

  route(ROUTES.publisherAds, async ({ params: { programId } }, request) => {
    const publisherId = publisherIdOf(await authenticateUser(network, request, 'publisher'));
    if (network.cache.program(programId) === undefined)
      throw new HttpError('unknown_program', `no program "${programId}"`);
    const approved = await network.publisherViews.approvedMemberships(publisherId);
    if (!approved.some((row) => row.programId === programId))
      throw new HttpError(
        'not_approved',
        `none of your sites is approved in program ${programId}: apply first, and ask again once the advertiser has approved one`,
      );
    return { ads: (await network.ads.active(programId)).map(answer(request)) };
  });
}
