import { systemClock } from '../server/clock.js';
import { PixelChecksumService } from '../services/pixel-checksum-service.js';
import { ProgramsRepository } from '../storage/repositories/programs-repository.js';
import { openMigratedStore } from './open-store.js';
import { UsageError, type CliIo } from './cli-io.js';

export const PROGRAMS_USAGE = `usage: affnet programs checksum SLUG (--generate | --secret SECRET | --off) [--json]

checksum  sets the program's pixel checksum secret (NET-R1, docs/tracking.md): with one, a
          pixel report must carry checksum=v04+md5(secret + orderNumber + orderValue); one
          without it is stored as refused and never paid. --off requires none again.
          The secret is printed once: give it to the developers of the advertiser's pixel.
`;

export async function runProgramsCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, slug, ...rest] = args;
  if (action !== 'checksum')
    throw new UsageError(
      action === undefined ? 'missing action: checksum' : `unknown action "${action}"`,
    );
  if (slug === undefined || slug.startsWith('--'))
    throw new UsageError('missing SLUG: the program, e.g. aliexpress');
  const json = rest.includes('--json');
  const options = rest.filter((arg) => arg !== '--json');
  let secret: string | 'generate' | null;
  if (options.length === 1 && options[0] === '--generate') secret = 'generate';
  else if (options.length === 1 && options[0] === '--off') secret = null;
  else if (options.length === 2 && options[0] === '--secret') secret = options[1]!;
  else throw new UsageError('say one of --generate, --secret SECRET or --off');
  const { store } = await openMigratedStore(env);
  try {
    const program = await new ProgramsRepository(store.db).findBySlug(slug);
    if (program === undefined) throw new UsageError(`no program "${slug}" (affnet demo makes one)`);
    const result = await new PixelChecksumService(store).set(
      program.id,
      secret,
      'cli',
      systemClock(),
    );
    if (json) io.stdout.write(`${JSON.stringify({ slug, ...result })}\n`);
    else
      io.stdout.write(
        result.secret === null
          ? `${slug}: pixel reports need no checksum any more\n`
          : `${slug}: pixel reports must carry checksum=v04+md5(secret + orderNumber + orderValue)\nsecret (shown once): ${result.secret}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
