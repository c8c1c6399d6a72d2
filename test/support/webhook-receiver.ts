import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A local receiver of webhooks and postbacks: records every request and answers each with the
 * next status queued (200 once the queue is empty), with its headers.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const fallback: { answer: Answer } = { answer: { status: 200 } };
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers as Record<string, string>,
        body,
      });
      const answer = answers.shift() ?? fallback.answer;
      response.writeHead(answer.status, answer.headers).end(`answer ${answer.status}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    answers,
    /** The answer once the queue is empty (200 unless a test changes it). */
    fallback,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * Verifies a webhook with the standardwebhooks package, as a receiver does. The package checks
 * the timestamp against its wall clock: it reads the network's clock (`atMs`) instead.
 */
export function verifyWebhook(secret: string, request: Received, atMs: number): unknown {
  const wallClock = Date.now;
  Date.now = () => atMs;
  try {
    return new Webhook(secret).verify(request.body, request.headers);
  } finally {
    Date.now = wallClock;
  }
}
