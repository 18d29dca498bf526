import type { Amendment } from '../../shared/review/types';
import { decide } from '../../shared/roles';
import { ApiError, enforce } from '../errors';
import type { Storage } from '../storage/Storage';
import type { ReviewActor } from './ReviewActor';
import { onAmendment } from './ReviewActor';
import type { ReviewPublisher } from './ReviewPublisher';
import type { ReviewRecords } from './ReviewRecords';

/**
 * Who stands behind a tabled amendment and who opposes it: other delegations ask to co-sponsor
 * it and its sponsor answers, and each delegation states support or objection once (replaceable,
 * retractable), while the amendment is open for positions (the policy's window, shared/roles.ts).
 */
export class SupportService {
  constructor(
    private readonly storage: Storage,
    private readonly records: ReviewRecords,
    private readonly publish: ReviewPublisher,
  ) {}

  /** Another delegation asks to co-sponsor an amendment; the sponsor answers. */
  async requestCoSponsorship(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
  ): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    enforce(decide('amendment:co-sponsor', onAmendment(actor, context.cycle, record)));
    const existing = (await this.storage.listCoSponsors(cycleId)).find(
      (c) => c.amendmentId === record.id && c.affiliationId === actor.affiliationId,
    );
    if (existing)
      throw new ApiError(
        409,
        'already_requested',
        existing.status === 'accepted'
          ? 'Your delegation already co-sponsors this amendment.'
          : 'Your delegation has already asked to co-sponsor this amendment.',
      );
    const now = new Date().toISOString();
    await this.storage.putCoSponsor({
      amendmentId: record.id,
      affiliationId: actor.affiliationId,
      status: 'requested',
      requestedBy: actor.userId,
      requestedAt: now,
      acceptedAt: null,
    });
    return this.publish.touch(context, record);
  }

  /** The sponsor accepts or declines a delegation's request to co-sponsor. */
  async answerCoSponsorship(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    affiliationId: string,
    actor: ReviewActor,
    accept: boolean,
  ): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    enforce(decide('amendment:answer-co-sponsor', onAmendment(actor, context.cycle, record)));
    const request = (await this.storage.listCoSponsors(cycleId)).find(
      (c) => c.amendmentId === record.id && c.affiliationId === affiliationId,
    );
    if (!request)
      throw new ApiError(404, 'co_sponsor_not_found', 'That delegation has not asked to co-sponsor this amendment.');
    if (request.status === 'accepted' && accept)
      throw new ApiError(409, 'already_accepted', 'That delegation already co-sponsors this amendment.');
    if (accept)
      await this.storage.putCoSponsor({ ...request, status: 'accepted', acceptedAt: new Date().toISOString() });
    else await this.storage.deleteCoSponsor(record.id, affiliationId);
    return this.publish.touch(context, record);
  }

  /** A co-sponsoring delegation withdraws its co-sponsorship (or its request). */
  async leaveCoSponsorship(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    affiliationId: string,
    actor: ReviewActor,
  ): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    enforce(
      decide('amendment:leave-co-sponsorship', {
        ...onAmendment(actor, context.cycle, record),
        coSponsorId: affiliationId,
      }),
    );
    if (!(await this.storage.deleteCoSponsor(record.id, affiliationId)))
      throw new ApiError(404, 'co_sponsor_not_found', 'Your delegation does not co-sponsor this amendment.');
    return this.publish.touch(context, record);
  }

  /** A delegation states its support for or objection to an amendment (null retracts its statement). */
  async state(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    statement: { stance: 'support' | 'objection'; note: string } | null,
  ): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    enforce(decide('amendment:state-position', onAmendment(actor, context.cycle, record)));
    if (statement) {
      await this.storage.putStatement({
        amendmentId: record.id,
        affiliationId: actor.affiliationId,
        stance: statement.stance,
        note: statement.note,
        by: actor.userId,
        at: new Date().toISOString(),
      });
    } else if (!(await this.storage.deleteStatement(record.id, actor.affiliationId))) {
      throw new ApiError(404, 'statement_not_found', 'Your delegation has made no statement on this amendment.');
    }
    return this.publish.touch(context, record);
  }
}
