import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import type { AmendmentRecord, ReviewCycleRecord, Storage } from '../storage/Storage';
import type { ReviewPresenter } from './ReviewPresenter';
import { cycleSummary } from './ReviewPresenter';
import type { ReviewContext } from './ReviewRecords';

/**
 * Pushes every change of the review at once to the open clients of the draft that may see it:
 * an amendment to those who may read it (a draft to its sponsor's delegation alone), a cycle's
 * summary to everyone, with the counts each delegation sees.
 */
export class ReviewPublisher {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
    private readonly presenter: ReviewPresenter,
  ) {}

  /** Marks the amendment changed now (a co-sponsor, a statement) and publishes it. */
  async touch(context: ReviewContext, record: AmendmentRecord): Promise<Amendment> {
    await this.storage.updateAmendment(record.id, { updatedAt: new Date().toISOString() });
    return this.amendment(context, (await this.storage.getAmendment(record.id))!);
  }

  /** Publishes the amendment as stored; returns it as presented. */
  async amendment(context: ReviewContext, record: AmendmentRecord): Promise<Amendment> {
    const amendment = (await this.presenter.presentAll(context, [record]))[0]!;
    await this.registry.sendEvent(record.draftId, { kind: 'amendment', amendment, record });
    return amendment;
  }

  /** Publishes the cycle's summary; returns it as its chair sees it. */
  async cycle(record: ReviewCycleRecord): Promise<ReviewCycle> {
    const amendments = await this.storage.listAmendments(record.id);
    const refs = await this.presenter.cycleRefs(record);
    // Counts differ per delegation (its own drafts count for it alone): each reader's instance counts for them.
    await this.registry.sendEvent(record.draftId, { kind: 'review-cycle', record, refs, amendments });
    return cycleSummary(record, refs, amendments, {
      userId: record.openedBy,
      role: 'chair',
      affiliationId: '',
      affiliationKind: 'organisation',
    });
  }
}
