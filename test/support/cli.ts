import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** Runs `affnet` in-process with `env`, collecting its exit code, stdout and stderr. */
export function cliRunner(env: () => NodeJS.ProcessEnv) {
  return async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await main(argv, { stdin: new PassThrough(), stdout, stderr }, env());
    return { code, out, err };
  };
}
