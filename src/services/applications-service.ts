import { composeEmail, localeOf } from '../i18n/email.js';
import { translate } from '../i18n/catalogue.js';
import { methodWords } from '../i18n/words.js';
import type { Store } from '../storage/database.js';
import { type Membership } from '../storage/repositories/memberships-repository.js';
import { screenBrands, type BrandMatch } from '../domain/compliance/screen-brands.js';
import { DomainError } from '../domain/errors.js';
import { programIsLive, reviewStatusOf } from '../domain/programs/review.js';
import { applicationRefusal, mayApprove } from '../domain/compliance/advertiser-standing.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import type { Mailer } from './mailer.js';
import { repos } from '../storage/repositories/repos.js';
import { applicationEvent, type ApplicationFacts } from '../domain/events/events.js';
import {
  advertiserApplicationView,
  membershipView,
  publisherApplicationView,
  type AdvertiserApplicationView,
  type MembershipView,
  type PublisherApplicationView,
} from './application-views.js';

export class ApplicationError extends DomainError {}

export interface ApplicationInput {
  publisherId: string;
  programId: string;
  siteId: string;
  promotionMethods: string[];
  /** AE-P6: the prohibited content categories (rule 6 a–q) the site has; normally none. */
  contentCategories: string[];
  acceptedRules: boolean;
}

/**
 * Program applications (AE-S1's last step): a publisher applies with a site, its promotion
 * methods and content declaration (AE-P6) and accepts the rules; names and URLs are screened
 * for the program's brands (AE-P5); the advertiser approves or rejects with a reason, and may
 * record written consent for a brand hit. Both sides are emailed. Approval reaches the
 * tracking path at the next cache poll (the links version is bumped).
 */
export class ApplicationsService {
  constructor(
    private readonly store: Store,
    private readonly terms: StoredTerms,
    private readonly mailer: Mailer,
  ) {}

  /** A publisher's own applications. */
  async ofPublisher(publisherId: string): Promise<PublisherApplicationView[]> {
    return (await repos(this.store).memberships.ofPublisher(publisherId)).map(
      publisherApplicationView,
    );
  }

  /** The applications to an advertiser's programs. */
  async ofAdvertiser(advertiserId: string): Promise<AdvertiserApplicationView[]> {
    return (await repos(this.store).memberships.ofAdvertiser(advertiserId)).map(
      advertiserApplicationView,
    );
  }

  async apply(
    input: ApplicationInput,
    nowMs: number,
  ): Promise<{ membership: MembershipView; brandMatches: BrandMatch[] }> {
    const r = repos(this.store);
    const site = await r.publishers.siteForApplication(input.siteId, input.publisherId);
    if (site === undefined)
      throw new ApplicationError('unknown_site', `no site "${input.siteId}" among your sites`);
    // The network's own standing (an admin's decision): no program at all.
    if (site.publisher_status === 'restricted' || site.publisher_status === 'terminated')
      throw new ApplicationError(
        'publisher_restricted',
        `your account is ${site.publisher_status} in the network: you cannot apply to programs`,
        [],
        { status: site.publisher_status },
      );
    const program = await r.programs.findForApplication(input.programId);
    // A program in the network's review (or refused) takes no applications.
    if (
      program === undefined ||
      !programIsLive({ status: program.status, review: reviewStatusOf(program.review_status) })
    )
      throw new ApplicationError('unknown_program', `no open program "${input.programId}"`);
    await this.#refuseByAdvertiser(input.publisherId, program.advertiser_id);
    const terms = await this.terms.ofProgramOrThrow(program.id);
    if (!input.acceptedRules)
      throw new ApplicationError(
        'rules_not_accepted',
        `accept the rules of ${terms.file.name} to apply`,
      );
    const policies = new Map(terms.file.policies.map((policy) => [policy.method, policy]));
    for (const method of input.promotionMethods) {
      const policy = policies.get(method);
      if (policy !== undefined && (policy.status === 'forbidden' || policy.status === 'closed'))
        throw new ApplicationError(
          'method_forbidden',
          `${method.replace(/_/g, ' ')} is ${policy.status} in this program (${policy.rule}): leave it out to apply`,
          [],
          { method, rule: policy.rule },
        );
    }
    const categories = new Set(terms.file.prohibitedContent.map((entry) => entry.id));
    const unknown = input.contentCategories.filter((id) => !categories.has(id));
    if (unknown.length > 0)
      throw new ApplicationError(
        'invalid_content_category',
        `unknown content categories: ${unknown.join(', ')}; use the ids the program lists (${[...categories].join(', ') || 'none'})`,
        [],
        { categories: unknown.join(', ') },
      );
    const existing = await r.memberships.find(program.id, site.id);
    if (existing !== undefined && existing.status !== 'rejected')
      throw new ApplicationError(
        'already_applied',
        `this site's application is already ${existing.status}`,
        [],
        { status: existing.status },
      );
    const brandMatches = screenBrands(
      [
        { field: 'name', text: site.name },
        { field: 'company', text: site.company },
        { field: 'site name', text: site.site_name },
        { field: 'site URL', text: site.url },
      ],
      terms.file.brands,
    );
    const membership = await r.transaction(async (t) => {
      if (existing !== undefined) await t.memberships.delete(existing.id);
      const made = await t.memberships.apply(
        {
          programId: program.id,
          siteId: site.id,
          publisherId: input.publisherId,
          promotionMethods: input.promotionMethods,
          contentCategories: input.contentCategories,
          brandMatches,
        },
        nowMs,
      );
      await t.events.append(
        [applicationEvent('application.created', applicationFacts(made))],
        nowMs,
      );
      return made;
    });
    for (const user of await r.users.recipientsOfAdvertiser(program.advertiser_id)) {
      const locale = localeOf(user.locale);
      const none = translate(locale, 'email.none');
      await this.mailer.send(
        {
          to: user.email,
          kind: 'application_received',
          ...composeEmail(
            locale,
            'application',
            {
              publisher: site.name,
              program: program.name,
              site: site.site_name,
              url: site.url,
              methods: input.promotionMethods.map((m) => methodWords(m, locale)).join(', ') || none,
              content: input.contentCategories.join(', ') || none,
              screening:
                brandMatches.map((m) => `${m.brand} (${m.kind}) in ${m.field}`).join('; ') || none,
            },
            // Switchable (the account page's notifications), as the mail says.
            [['email.notifications.footerPortal', {}]],
          ),
        },
        nowMs,
      );
    }
    return { membership: membershipView(membership), brandMatches };
  }

  /** The advertiser's decision. A rejection needs a reason, which the publisher reads. */
  async decide(
    membershipId: string,
    advertiserId: string,
    decision: 'approve' | 'reject',
    reason: string | undefined,
    actor: string,
    nowMs: number,
  ): Promise<MembershipView> {
    const membership = await this.#ownedMembership(membershipId, advertiserId);
    if (
      decision === 'approve' &&
      !mayApprove(
        await repos(this.store).enforcement.activeStandingIn(membership.publisher_id, advertiserId),
      )
    )
      throw new ApplicationError(
        'advertiser_terminated',
        'you have terminated this publisher in your programs: lift the termination (or uphold its claim) before approving it',
      );
    const trimmed = reason?.trim() ?? '';
    if (decision === 'reject' && trimmed === '')
      throw new ApplicationError(
        'reason_required',
        'give the publisher a reason for the rejection',
      );
    await repos(this.store).transaction(async (t) => {
      const status = decision === 'approve' ? 'approved' : 'rejected';
      await t.memberships.decide(
        membership.id,
        status,
        trimmed === '' ? null : trimmed,
        actor,
        nowMs,
      );
      await t.events.append(
        [
          applicationEvent(
            decision === 'approve' ? 'application.approved' : 'application.rejected',
            applicationFacts({ ...membership, status, reason: trimmed === '' ? null : trimmed }),
          ),
        ],
        nowMs,
      );
    });
    const program = await repos(this.store).programs.nameOf(membership.program_id);
    // The mail names the site decided on: a publisher with several sites knows which one.
    const site = await repos(this.store).publishers.siteForApplication(
      membership.site_id,
      membership.publisher_id,
    );
    for (const user of await repos(this.store).users.recipientsOfPublisher(membership.publisher_id))
      await this.mailer.send(
        {
          to: user.email,
          ...composeEmail(localeOf(user.locale), decision === 'approve' ? 'approved' : 'rejected', {
            program: program.name,
            site: site?.site_name ?? membership.site_id,
            url: site?.url ?? '',
            reason: trimmed ?? '',
          }),
        },
        nowMs,
      );
    return membershipView(
      (await repos(this.store).memberships.find(membership.program_id, membership.site_id))!,
    );
  }

  /** AE-P5: the advertiser records written consent to the brand hits of an application. */
  async recordBrandConsent(
    membershipId: string,
    advertiserId: string,
    text: string,
    actor: string,
    nowMs: number,
  ): Promise<void> {
    const membership = await this.#ownedMembership(membershipId, advertiserId);
    if (text.trim() === '')
      throw new ApplicationError('consent_text_required', 'write down what the consent covers');
    await repos(this.store).memberships.setBrandConsent(
      membership.id,
      JSON.stringify({ text: text.trim(), by: actor, at: new Date(nowMs).toISOString() }),
    );
  }

  /**
   * AE-E1 e–g: the program's advertiser terminated or restricted the publisher, or barred one
   * of its email addresses or site domains (from this account or an earlier one).
   */
  async #refuseByAdvertiser(publisherId: string, advertiserId: string): Promise<void> {
    const r = repos(this.store);
    const emails = await r.users.emailsOfPublisher(publisherId);
    const domains = [
      ...(await r.publishers.siteDomains(publisherId)).map((d) => d.replace(/^www\./, '')),
      ...emails.map((email) => email.split('@')[1] ?? ''),
    ].filter((domain) => domain !== '');
    const refusal = applicationRefusal({
      activeKinds: await r.enforcement.activeStandingIn(publisherId, advertiserId),
      barred: await r.registrationBars.barsInAdvertiser(advertiserId, emails, domains),
    });
    if (refusal === undefined) return;
    throw new ApplicationError(
      refusal,
      refusal === 'advertiser_terminated'
        ? "this program's advertiser has terminated your account in its programs: you cannot apply to them while the termination stands; make a claim against it if it is wrong"
        : refusal === 'advertiser_restricted'
          ? "this program's advertiser has restricted its collaboration with you: you cannot apply to its programs while the restriction stands; make a claim against it if it is wrong"
          : "this program's advertiser has barred your email address or website from its programs: you cannot apply to them",
    );
  }

  async #ownedMembership(membershipId: string, advertiserId: string): Promise<Membership> {
    const membership = await repos(this.store).memberships.findOwnedBy(membershipId, advertiserId);
    if (membership === undefined)
      throw new ApplicationError(
        'unknown_application',
        `no application "${membershipId}" in your programs`,
      );
    return membership;
  }
}

function applicationFacts(membership: Membership): ApplicationFacts {
  return {
    id: membership.id,
    programId: membership.program_id,
    publisherId: membership.publisher_id,
    siteId: membership.site_id,
    status: membership.status,
    reason: membership.reason,
  };
}
