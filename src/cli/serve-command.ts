import { ConfigError } from '../config/storage-config.js';
import { systemClock } from '../server/clock.js';
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { parseServerConfig, resolveSecret, type ServerConfig } from '../config/server-config.js';
import { openStore } from '../storage/database.js';
import { startWalCheckpointer } from '../storage/wal-checkpointer.js';
import { WriterThread } from '../services/writer-thread.js';
import { IntegrationsThread } from '../services/integrations-thread.js';
import { migrateToLatest } from '../storage/migrate.js';
import { ensureAdmin, loadPrograms } from '../bootstrap/bootstrap.js';
import { Network } from '../server/network.js';
import { buildApp } from '../http/app.js';
import { UsageError, type CliIo } from './cli-io.js';

export const SERVE_USAGE = `usage: affnet serve [--port N] [--host H] [--workers N]

Runs the tracking server: /click, /report, the order API, /healthz, /readyz, /metrics.
Environment: PORT (8080), HOST (0.0.0.0), WORKERS (1; more needs DATABASE_URL: one SQLite file
serves one process), DATA_DIR (./data) or DATABASE_URL,
SECRET (signs click ids; when unset, generated once into $DATA_DIR/secret for SQLite or
into the database for PostgreSQL), TRUST_PROXY (false), CLICK_BATCH_MAX (5000), LOG_LEVEL (info),
NODE_ID (0-31; unset, each process leases a free node number from the database).
A worker that dies is replaced; while the database is away clicks still redirect and the
API answers 503 with Retry-After.
First start migrates, loads programs/*.yaml and prints the admin's one-time password.
`;

export async function runServeCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = parseServerConfig(env, flags);
  if (cluster.isWorker) return serveWorker(config, io);

  const store = openStore(config.storage);
  try {
    await migrateToLatest(store);
    const now = systemClock();
    const report = (line: string) => io.stdout.write(`affnet: ${line}\n`);
    const programs = await loadPrograms(store, now, undefined, config.networkFeeRate, report);
    if (config.programsDir !== undefined) {
      try {
        programs.push(
          ...(await loadPrograms(store, now, config.programsDir, config.networkFeeRate, report)),
        );
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ConfigError('PROGRAMS_DIR', `no such folder: ${config.programsDir}`);
        throw error;
      }
    }
    const admin = await ensureAdmin(store, now);
    io.stdout.write(
      `affnet: ${store.location}: ${programs.length} program(s): ${programs.map((program) => `${program.slug} (${program.id})`).join(', ')}\n`,
    );
    if (admin) {
      io.stdout.write(
        `affnet: created the network admin ${admin.email}; one-time password (shown once): ${admin.password}\n`,
      );
    }
  } finally {
    await store.close();
  }
  if (config.workers === 1) return serveWorker(config, io);

  // Each worker leases its own node number from the database; a worker that dies is replaced
  // (after a pause that grows while replacements keep dying, so a crash loop cannot spin).
  for (let i = 0; i < config.workers; i++) cluster.fork(env);
  return new Promise((resolve) => {
    let stopping = false;
    let recentDeaths = 0;
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(0);
        return;
      }
      recentDeaths += 1;
      setTimeout(() => (recentDeaths = Math.max(0, recentDeaths - 1)), 60_000).unref();
      const delay = Math.min(30_000, 250 * 2 ** (recentDeaths - 1));
      io.stderr.write(
        `affnet: worker ${worker.process.pid} exited with ${signal ?? code}; starting a new one in ${delay} ms\n`,
      );
      setTimeout(() => {
        if (!stopping) cluster.fork(env);
      }, delay);
    });
  });
}

async function serveWorker(config: ServerConfig, io: CliIo): Promise<number> {
  const store = openStore(config.storage);
  const secret = await resolveSecret(config, store);
  const network = new Network(store, {
    secret,
    maxBatch: config.maxBatch,
    node: config.nodeId,
    mail: {
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      log: (line) => io.stdout.write(`affnet: ${line}\n`),
    },
    publicUrl: config.publicUrl,
    payoutDebtor: config.payoutDebtor,
    invoicePaymentDays: config.invoicePaymentDays,
    networkFeeRate: config.networkFeeRate,
    ecb: { baseUrl: config.ecbBaseUrl, fetchDaily: config.ecbFetch },
    webhooks: config.webhooks,
  });
  await network.start();
  const checkpointer = startWalCheckpointer(store);
  const app = buildApp(network, { trustProxy: config.trustProxy, logLevel: config.logLevel });
  const writerThread = await WriterThread.start(
    store,
    (error) =>
      app.log.error({ err: error }, 'writer thread ended: writing clicks and reports in-thread'),
    { clickSecret: secret, maxClickBatch: config.maxBatch },
  );
  if (writerThread !== undefined) network.useWriterThread(writerThread);
  const integrationsThread = IntegrationsThread.create(
    store,
    {
      failed: (job) => network.metrics.backgroundFailures.inc({ job }),
      warn: (details, message) => app.log.warn(details, message),
      log: (line) => io.stdout.write(`affnet: ${line}\n`),
      exited: (error) =>
        app.log.error(
          { err: error },
          'integrations thread ended: dispatching events and delivering webhooks in-thread',
        ),
    },
    {
      secret,
      mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
      publicUrl: config.publicUrl,
      webhooks: config.webhooks,
      writerInFlight: writerThread?.inFlight,
    },
  );
  if (integrationsThread !== undefined) network.useIntegrationsThread(integrationsThread);
  const address = await app.listen({ port: config.port, host: config.host });
  io.stdout.write(
    `affnet: listening on ${address} (process ${process.pid}, node ${network.node})\n`,
  );
  if (cluster.isPrimary || cluster.worker?.id === 1)
    io.stdout.write(
      `affnet: portal ${address.replace('127.0.0.1', 'localhost')}/programs · API docs ${address.replace('127.0.0.1', 'localhost')}/api/docs\n`,
    );
  return new Promise((resolve) => {
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down: finishing requests and flushing clicks');
      await app.close();
      // Its delivery round ends (each attempt answered or timed out) before its connection closes.
      await integrationsThread?.stop();
      // The network first: its jobs on the writer thread end after their current chunk and
      // clicks still queued are committed, then the thread drains and closes its connection.
      await network.close();
      await writerThread?.stop();
      await checkpointer?.stop();
      // A cluster worker's channel to the primary would keep it alive: let go of it.
      cluster.worker?.disconnect();
      resolve(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  });
}
