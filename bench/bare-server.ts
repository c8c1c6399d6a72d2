import http from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * The baseline for click throughput: bare node:http answering every /click with the same kind
 * of 302 and session cookie affnet sends, and doing nothing else (no lookup, no write).
 */
const port = Number(process.argv[2] ?? 0);
const server = http.createServer((request, response) => {
  if (!request.url?.startsWith('/click')) {
    response.writeHead(404).end();
    return;
  }
  const tduid = `clk_${randomBytes(8).toString('hex')}.${randomBytes(16).toString('base64url')}`;
  response.writeHead(302, {
    location: `https://www.aliexpress.com/?tduid=${tduid}`,
    'set-cookie': `affnet_prg=${tduid}; Path=/; HttpOnly; SameSite=Lax`,
    'cache-control': 'no-store',
    'content-length': 0,
  });
  response.end();
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `listening on ${typeof address === 'object' && address ? address.port : port}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
