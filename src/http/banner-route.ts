import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { idParam } from './contracts/params.js';

/**
 * A banner's image, served by the network for publishers' pages: only what was stored (a PNG,
 * JPEG, GIF or WebP told by its bytes), with that type, never sniffed as anything else, never
 * run as a document (no script, sandboxed), embeddable by any site and cached for good (an
 * ad's image never changes). A retired ad's image is still served: banners already placed keep
 * showing. Anything else is a plain 404.
 */
export function registerBannerRoute(app: FastifyInstance, network: Network): void {
  app.get<{ Params: { adId: string } }>('/banners/:adId', async (request, reply) => {
    const id = idParam('the ad').safeParse(request.params.adId);
    const image = id.success ? await network.ads.image(id.data) : undefined;
    if (image === undefined)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        .send('no such banner');
    const etag = `"${image.sha256}"`;
    void reply
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(image.contentType).send(Buffer.from(image.content));
  });
}
