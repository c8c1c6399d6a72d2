import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { parseNetworkFeeRate } from '../domain/payments/network-fee.js';
import { repos } from '../storage/repositories/repos.js';

export class NetworkFeeError extends DomainError {}

/** A program's network fee as the API and the pages show it. */
export interface NetworkFeeView {
  programId: string;
  slug: string;
  name: string;
  currency: string;
  /** `0.30` is 30 % of the approved commission. */
  networkFeeRate: string;
}

/**
 * The network fee: a setting of the network per program, billed on each invoice at the rate
 * set when the invoice is issued. Only the network admin changes it (audited with before and
 * after); the advertiser sees it and never sets it, neither here nor in its terms.
 */
export class NetworkFeeService {
  constructor(private readonly store: Store) {}

  async list(): Promise<NetworkFeeView[]> {
    return (await repos(this.store).programs.networkFees()).map(view);
  }

  /** The program's fee; with `advertiserId`, only if the program is that advertiser's. */
  async ofProgramOrThrow(programId: string, advertiserId?: string): Promise<NetworkFeeView> {
    const program = await repos(this.store).programs.findById(programId);
    if (
      program === undefined ||
      (advertiserId !== undefined && program.advertiser_id !== advertiserId)
    )
      throw new NetworkFeeError('unknown_program', `no program "${programId}"`);
    return view(program);
  }

  /** Sets a program's network fee; recorded in the audit log with before and after. */
  async set(
    programId: string,
    rateText: string,
    actor: string,
    nowMs: number,
  ): Promise<NetworkFeeView & { previousRate: string }> {
    const rate = parseNetworkFeeRate(rateText);
    if (rate === undefined)
      throw new NetworkFeeError(
        'invalid_network_fee',
        `networkFeeRate: expected a decimal from 0 to 1 with at most 4 decimals ("0.30" is 30 %), got "${rateText}"`,
      );
    return repos(this.store).transaction(async (t) => {
      const programs = t.programs;
      // Locked: two changes at once are audited one after the other, each with its true before.
      const program = await programs.findByIdForUpdate(programId, this.store.dialect);
      if (program === undefined)
        throw new NetworkFeeError('unknown_program', `no program "${programId}"`);
      const previousRate = program.network_fee_rate;
      if (previousRate !== rate) {
        await programs.setNetworkFeeRate(programId, rate, nowMs);
        await t.audit.record(
          {
            actor,
            action: 'program.network_fee_changed',
            subjectType: 'program',
            subjectId: programId,
            details: { before: { networkFeeRate: previousRate }, after: { networkFeeRate: rate } },
          },
          nowMs,
        );
      }
      return { ...view({ ...program, network_fee_rate: rate }), previousRate };
    });
  }
}

function view(program: {
  id: string;
  slug: string;
  name: string;
  currency: string;
  network_fee_rate: string;
}): NetworkFeeView {
  return {
    programId: program.id,
    slug: program.slug,
    name: program.name,
    currency: program.currency,
    networkFeeRate: program.network_fee_rate,
  };
}
