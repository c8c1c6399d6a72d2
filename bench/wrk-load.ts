import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import type { LoadFigures } from './http-benchmark.js';

const run = promisify(execFile);

/** Whether wrk is installed (its C client leaves more of the 2 cores to the server). */
export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']);
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1; only a missing binary is "not installed".
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** `text` as a Lua string literal. */
export function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A duration as wrk prints it (`635.91us`, `2.07ms`, `1.20s`) in milliseconds. */
export function wrkMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (match === null) throw new Error(`wrk: unexpected duration "${text}"`);
  const value = Number(match[1]);
  const unit = match[2];
  return unit === 'us'
    ? value / 1000
    : unit === 'ms'
      ? value
      : unit === 's'
        ? value * 1000
        : value * 60_000;
}

/** wrk's report (with --latency) as the benchmark's figures. */
export function parseWrkReport(output: string): LoadFigures {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  if (rate === null || p50 === null || p99 === null)
    throw new Error(`wrk: could not read its report:\n${output}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  return {
    requestsPerSecond: Math.round(Number(rate[1])),
    latencyP50Ms: Math.round(wrkMs(p50[1]!) * 100) / 100,
    latencyP99Ms: Math.round(wrkMs(p99[1]!) * 100) / 100,
    errors: socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0),
    non2xx3xx: non2xx === null ? 0 : Number(non2xx[1]),
  };
}

/**
 * Loads `url` with wrk: one thread, `connections` connections, `seconds` seconds. `lua` (a wrk
 * script) builds each request when given (a POST with a fresh body each time).
 */
export async function wrkLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  lua?: string;
}): Promise<LoadFigures> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency'];
  if (options.lua !== undefined) {
    const script = join(tmpdir(), `affnet-wrk-${process.pid}-${Date.now()}.lua`);
    await writeFile(script, options.lua);
    args.push('-s', script);
  }
  args.push(options.url);
  const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
  return parseWrkReport(stdout);
}
