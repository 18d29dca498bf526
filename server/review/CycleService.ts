import { clauseBlocks } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { BlockRedline } from '../../shared/redline';
import { compareBlocks } from '../../shared/redline';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import { isPendingStatus } from '../../shared/review/amendmentStatus';
import { movePhase } from '../../shared/review/reviewPhases';
import type { Amendment, Compilation, ReviewCycle, ReviewSchedule } from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import { roleMay } from '../../shared/roles';
import { newId } from '../auth/AuthService';
import { ApiError, enforce } from '../errors';
import type { Storage } from '../storage/Storage';
import type { ReviewActor } from './ReviewActor';
import { visibleTo } from './ReviewActor';
import type { ReviewPresenter } from './ReviewPresenter';
import type { ReviewPublisher } from './ReviewPublisher';
import type { ReviewRecords } from './ReviewRecords';

/**
 * Review cycles: opened by the chair on a published version, moved one phase at a time by the
 * phase machine (shared/review/reviewPhases.ts), read with their amendments and as a compilation.
 */
export class CycleService {
  constructor(
    private readonly storage: Storage,
    private readonly records: ReviewRecords,
    private readonly presenter: ReviewPresenter,
    private readonly publish: ReviewPublisher,
  ) {}

  async list(draftId: string, reader: ReviewActor): Promise<ReviewCycle[]> {
    const cycles = await this.storage.listReviewCycles(draftId);
    return Promise.all(
      cycles.map(async (cycle) =>
        this.presenter.presentCycle(cycle, await this.storage.listAmendments(cycle.id), reader),
      ),
    );
  }

  async open(
    draftId: string,
    actor: ReviewActor,
    input: { name: string; baseVersionId: string; schedule: ReviewSchedule },
  ): Promise<ReviewCycle> {
    enforce(roleMay(actor.role, 'review:open-cycle'));
    const version = await this.storage.getVersion(input.baseVersionId);
    if (!version || version.draftId !== draftId)
      throw new ApiError(404, 'version_not_found', 'This draft has no version with that id.');
    if (!version.publishedAt)
      throw new ApiError(
        409,
        'base_not_published',
        `A review cycle is opened on a published version; publish "${version.label}" first.`,
      );
    const open = (await this.storage.listReviewCycles(draftId)).find((cycle) => cycle.phase !== 'closed');
    if (open)
      throw new ApiError(
        409,
        'cycle_already_open',
        `The review cycle "${open.name}" is still open; close it before opening another.`,
      );
    const dates = Object.values(input.schedule);
    if (dates.some((date, k) => k > 0 && date < dates[k - 1]!))
      throw new ApiError(
        400,
        'invalid_schedule',
        'The phases of a review cycle must end in order: submission, comment period, deliberation, decisions.',
      );
    const now = new Date().toISOString();
    const cycle = await this.storage.createReviewCycle({
      id: newId(),
      draftId,
      name: input.name,
      baseVersionId: version.id,
      phase: 'submission',
      schedule: input.schedule,
      openedBy: actor.userId,
      createdAt: now,
      phaseChangedAt: now,
      consolidatedVersionId: null,
      consolidatedBy: null,
      consolidatedAt: null,
    });
    return this.publish.cycle(cycle);
  }

  /** A cycle with the amendments the reader may see, and when the reader last looked. */
  async get(
    draftId: string,
    cycleId: string,
    reader: ReviewActor,
  ): Promise<{ cycle: ReviewCycle; amendments: Amendment[]; lastVisitAt: string | null }> {
    const context = await this.records.context(draftId, cycleId);
    const records = await this.storage.listAmendments(cycleId);
    const amendments = await this.presenter.presentAll(
      context,
      records.filter((record) => visibleTo(record, reader)),
    );
    return {
      cycle: await this.presenter.presentCycle(context.cycle, records, reader),
      amendments,
      lastVisitAt: (await this.storage.getReviewVisit(cycleId, reader.userId)) ?? null,
    };
  }

  /** One cycle's summary, without its amendments. */
  async summary(draftId: string, cycleId: string, reader: ReviewActor): Promise<ReviewCycle> {
    const cycle = await this.records.cycle(draftId, cycleId);
    return this.presenter.presentCycle(cycle, await this.storage.listAmendments(cycleId), reader);
  }

  /** The chair moves the cycle one phase forward; it closes only once every tabled amendment is decided. */
  async movePhase(draftId: string, cycleId: string, actor: ReviewActor, to: ReviewPhase): Promise<ReviewCycle> {
    enforce(roleMay(actor.role, 'review:move-phase'));
    const cycle = await this.records.cycle(draftId, cycleId);
    const move = movePhase(cycle.phase, to);
    if (!move.ok) throw new ApiError(409, 'phase_not_allowed', move.reason);
    if (to === 'closed') {
      const pending = (await this.storage.listAmendments(cycle.id)).filter((r) => isPendingStatus(r.status));
      if (pending.length > 0) {
        throw new ApiError(
          409,
          'decisions_pending',
          `Decide every tabled amendment before closing the review cycle; ` +
            `${pending.map((r) => amendmentLabel(r.number)).join(', ')} ${pending.length === 1 ? 'has' : 'have'} no decision yet.`,
        );
      }
    }
    await this.storage.updateReviewCycle(cycle.id, { phase: to, phaseChangedAt: new Date().toISOString() });
    return this.publish.cycle((await this.storage.getReviewCycle(cycle.id))!);
  }

  /** Marks the cycle seen by the reader now ("new since your last visit"). */
  async visit(draftId: string, cycleId: string, reader: ReviewActor): Promise<string> {
    await this.records.cycle(draftId, cycleId);
    const at = new Date();
    await this.storage.setReviewVisit(cycleId, reader.userId, at);
    return at.toISOString();
  }

  /** The base text with every tabled amendment (withdrawn ones aside) beneath its clause. */
  async compilation(draftId: string, cycleId: string, reader: ReviewActor): Promise<Compilation> {
    const context = await this.records.context(draftId, cycleId);
    const records = await this.storage.listAmendments(cycleId);
    const tabled = records
      .filter((r) => r.number !== null && r.status !== 'withdrawn')
      .sort((a, b) => a.number! - b.number!);
    const amendments = await this.presenter.presentAll(context, tabled);
    return {
      cycle: await this.presenter.presentCycle(context.cycle, records, reader),
      clauses: context.base.outline.clauses.map((clause) => ({
        id: clause.id,
        number: clause.number,
        kind: clause.kind,
        text: clause.text,
        blocks: unchangedBlocks(context.base.clauses.get(clause.id), clause.number),
        pillars: clause.pillars,
        amendments: amendments.filter((amendment) => amendment.clauseId === clause.id),
      })),
    };
  }
}

/** A clause as a redline with nothing changed: its blocks with their levels and labels, for exports to lay out. */
function unchangedBlocks(clause: DocumentNodeJSON | undefined, number: string): BlockRedline[] {
  const blocks = clause ? clauseBlocks(clause, number) : [];
  return compareBlocks(blocks, blocks);
}
