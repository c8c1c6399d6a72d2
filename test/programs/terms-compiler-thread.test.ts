import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TermsCompiler } from '../../src/programs/terms-compiler.js';
import { packageRoot } from '../../src/package-root.js';

const source = readFileSync(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8');

describe('the terms thread (issue 29: no idle isolate)', () => {
  const compilers: TermsCompiler[] = [];
  afterEach(async () => {
    for (const compiler of compilers.splice(0)) await compiler.close();
  });

  it('starts at the first document, ends when idle, and starts again for the next', async () => {
    const compiler = new TermsCompiler();
    compilers.push(compiler);
    if (!compiler.useThread({ idleMs: 100 })) return expect.fail('run `npm run build` first');
    expect(compiler.threadRunning).toBe(false);

    const first = await compiler.compileStored('t1', source, 'kabelkoning.yaml');
    expect(first.currency).toBe('EUR');
    expect(compiler.threadRunning).toBe(true);
    await expect.poll(() => compiler.threadRunning, { timeout: 5_000 }).toBe(false);

    // Compiled once: the cache answers without the thread.
    await compiler.compileStored('t1', source, 'kabelkoning.yaml');
    expect(compiler.threadRunning).toBe(false);

    const again = await compiler.compileStored('t2', source, 'kabelkoning.yaml');
    expect(again.currency).toBe('EUR');
    await expect(compiler.compileNew('program: [', 'broken.yaml')).rejects.toThrow();
    expect(compiler.threadRunning).toBe(true);
  });
});
