import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * The floor for the order API: bare node:http that reads each POSTed JSON body, parses it and
 * inserts it as one row into SQLite (WAL, synchronous=FULL, one commit per batch of requests
 * that arrived together, as affnet's group commit does), then answers 201. No validation, no
 * pricing, no lines: what the machine does at the least for a durable JSON insert.
 */
const port = Number(process.argv[2] ?? 0);
const dir = mkdtempSync(join(tmpdir(), 'affnet-bare-orders-'));
const sqlite = new SqliteDatabase(join(dir, 'floor.db'));
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.exec(
  'CREATE TABLE orders (id INTEGER PRIMARY KEY, order_number TEXT NOT NULL UNIQUE, document TEXT NOT NULL)',
);
const insert = sqlite.prepare('INSERT INTO orders (order_number, document) VALUES (?, ?)');
let batch: { orderNumber: string; document: string; response: http.ServerResponse }[] = [];
const commit = sqlite.transaction((rows: typeof batch) => {
  for (const row of rows) insert.run(row.orderNumber, row.document);
});
const flush = () => {
  const rows = batch;
  batch = [];
  commit(rows);
  for (const row of rows) {
    const body = JSON.stringify({ orderNumber: row.orderNumber, outcome: 'created' });
    row.response.writeHead(201, { 'content-type': 'application/json' }).end(body);
  }
};
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let document: { orderNumber?: unknown };
    try {
      document = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof document;
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (batch.length === 0) setImmediate(flush);
    batch.push({
      orderNumber: String(document.orderNumber),
      document: JSON.stringify(document),
      response,
    });
  });
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `listening on ${typeof address === 'object' && address ? address.port : port}\n`,
  );
});
process.on('SIGTERM', () =>
  server.close(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }),
);
