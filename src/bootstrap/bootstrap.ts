import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../storage/database.js';
import type { StoredProgram } from '../storage/repositories/programs-repository.js';
import { ProgramTermsService } from '../services/program-terms-service.js';
import { BUNDLED_PROGRAMS_DIR } from '../programs/load-program-terms.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { repos } from '../storage/repositories/repos.js';

/**
 * Loads every `*.yaml` of `dir` (the bundled `programs/` by default, and an operator's
 * PROGRAMS_DIR) into the store: a new program gets its advertiser; a file changed since it was
 * last applied becomes the program's new current terms (the old ones are kept) unless the
 * program's terms were changed since by someone else (the advertiser): those are kept, and
 * `report` is told why (ProgramTermsService.applyAtStart). A new program's network fee is
 * `networkFeeRate` (NETWORK_FEE_RATE), else the default.
 */
export async function loadPrograms(
  store: Store,
  nowMs: number,
  dir = BUNDLED_PROGRAMS_DIR,
  networkFeeRate?: string,
  report: (line: string) => void = () => undefined,
): Promise<StoredProgram[]> {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const service = new ProgramTermsService(store, undefined, networkFeeRate);
  const loaded: StoredProgram[] = [];
  for (const name of files) {
    const path = join(dir, name);
    const source = await readFile(path, 'utf8');
    const applied = await service.applyAtStart(source, path, nowMs);
    if (applied.outcome === 'kept')
      report(
        `${applied.program.slug}: ${path} not applied: the program's terms were changed since (by ${applied.changedBy ?? 'unknown'}); apply the file with \`affnet programs apply\` to replace them`,
      );
    loaded.push(applied.program);
  }
  return loaded;
}

/** Creates the network admin on first start; returns the one-time password, or undefined if one exists. */
export async function ensureAdmin(
  store: Store,
  nowMs: number,
  email = 'admin@affnet.local',
): Promise<{ email: string; password: string } | undefined> {
  const users = repos(store).users;
  if (await users.anyWithRole('admin')) return undefined;
  const password = generatePassword();
  await users.create(
    {
      email,
      passwordHash: await hashPassword(password),
      role: 'admin',
      name: 'Network admin',
      mustChangePassword: true,
    },
    nowMs,
  );
  return { email, password };
}
