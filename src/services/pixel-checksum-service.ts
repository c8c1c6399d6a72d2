import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { repos } from '../storage/repositories/repos.js';

export class PixelChecksumError extends DomainError {}

/**
 * A program's pixel checksum secret (docs/tracking.md, NET-R1). With one, every pixel report
 * must carry `checksum=v04` + md5(secret + order or lead number + order value, as sent) or the
 * full checksum `v05` (every priced field, NET-R6); a report without it is stored as refused and
 * never paid. The secret is shown once when set.
 */
export class PixelChecksumService {
  constructor(private readonly store: Store) {}

  /**
   * Sets the secret (`secret`, or a generated one), or removes it (`null`). Returns the secret
   * to give the advertiser's developers. `advertiserId` limits it to that advertiser's programs.
   */
  async set(
    programId: string,
    secret: string | 'generate' | null,
    actor: string,
    nowMs: number,
    advertiserId?: string,
  ): Promise<{ programId: string; secret: string | null }> {
    const programs = repos(this.store).programs;
    const program = await programs.findById(programId);
    if (
      program === undefined ||
      (advertiserId !== undefined && program.advertiser_id !== advertiserId)
    )
      throw new PixelChecksumError('unknown_program', `no program "${programId}" among yours`);
    const value = secret === 'generate' ? randomBytes(18).toString('base64url') : secret;
    if (value !== null && !/^[\x21-\x7e]{8,128}$/.test(value))
      throw new PixelChecksumError(
        'invalid_secret',
        'secret: 8 to 128 visible ASCII characters (no spaces), or generate one',
      );
    await repos(this.store).transaction(async (t) => {
      await t.programs.setSetting(programId, 'checksumSecret', value, nowMs);
      await t.audit.record(
        {
          actor,
          action: value === null ? 'program.checksum_removed' : 'program.checksum_set',
          subjectType: 'program',
          subjectId: programId,
          details: {},
        },
        nowMs,
      );
    });
    return { programId, secret: value };
  }
}
