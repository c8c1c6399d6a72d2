import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

export const AFFNET = join(packageRoot(), 'bin', 'affnet.js');

/** This process's environment with `env` on top; a variable set to undefined is removed. */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/** Runs an affnet command to completion and returns its stdout. */
export async function runAffnet(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [AFFNET, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`affnet ${args.join(' ')} exited with ${code}: ${stderr}`);
  return stdout;
}

/** A running `affnet serve`: its port, and everything it printed so far. */
export type ServerProcess = ChildProcess & { port: number; output: () => string };

/** Starts `affnet serve` (PORT=0 picks a free port) and resolves once it listens, with its port. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [AFFNET, 'serve', ...args], {
    env: childEnv({ LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`affnet serve exited with ${code} before listening: ${output}`)),
    );
  });
  return Object.assign(child, { port, output: () => output });
}
