import type { FastifyInstance } from 'fastify';

/**
 * A browser asking for a portal page with a trailing slash (`/publisher/transactions/`) is sent
 * to the page without it, query kept: otherwise the slash reads as an empty id (a refused
 * `orderId`) or no route at all. Only GET and HEAD of an HTML page, never the API, the click
 * and conversion paths keep their own answers. The target is always a path on this host (no
 * `//host` a leading run of slashes would make).
 */
export function registerTrailingSlashRedirect(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const [path = '/', query] = splitOnce(request.url, '?');
    if (path === '/' || !path.endsWith('/') || path.startsWith('/api/')) return;
    if (!(request.headers.accept ?? '').includes('text/html')) return;
    const bare = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
    return reply.redirect(query === undefined ? bare : `${bare}?${query}`, 301);
  });
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
