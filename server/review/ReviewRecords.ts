import type { Pillar } from '../../shared/pillars';
import { clauseNodesById } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import { readOutline } from '../../shared/outline';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON } from '../drafts/documentOutline';
import { ApiError, draftNotFound } from '../errors';
import type { AmendmentRecord, ReviewCycleRecord, Storage, VersionRecord } from '../storage/Storage';
import type { ReviewActor } from './ReviewActor';
import { visibleTo } from './ReviewActor';

/** Everything the amendments of one cycle are checked and presented with, read once per request. */
export interface ReviewContext {
  cycle: ReviewCycleRecord;
  /** The base version, its outline, and its clause nodes by id (annex paragraphs included). */
  base: { version: VersionRecord; outline: Outline; clauses: Map<string, DocumentNodeJSON> };
  live: Outline;
}

/**
 * Reads what a review request acts on, or answers 404: a cycle of the draft, an amendment of the
 * cycle that the reader may see, and the cycle's base version and live text side by side.
 */
export class ReviewRecords {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
  ) {}

  async cycle(draftId: string, cycleId: string): Promise<ReviewCycleRecord> {
    const cycle = await this.storage.getReviewCycle(cycleId);
    if (!cycle || cycle.draftId !== draftId)
      throw new ApiError(404, 'cycle_not_found', 'This draft has no review cycle with that id.');
    return cycle;
  }

  /** An amendment of the cycle that the reader may see (drafts only by their sponsor), or a 404. */
  async amendment(cycle: ReviewCycleRecord, amendmentId: string, reader: ReviewActor): Promise<AmendmentRecord> {
    const record = await this.storage.getAmendment(amendmentId);
    if (!record || record.cycleId !== cycle.id || !visibleTo(record, reader))
      throw new ApiError(404, 'amendment_not_found', 'This review cycle has no amendment with that id.');
    return record;
  }

  /** The live text of the draft, as JSON. */
  async liveDocument(draftId: string): Promise<DocumentNodeJSON> {
    const live = await this.registry.withDocument(draftId, async (document) => documentJSON(document.doc));
    if (!live) throw draftNotFound();
    return live;
  }

  /** The draft's pillars, which an amendment's tags must be among. */
  async pillars(draftId: string): Promise<readonly Pillar[]> {
    const draft = await this.storage.getDraft(draftId);
    if (!draft) throw draftNotFound();
    return draft.pillars;
  }

  async context(draftId: string, cycleId: string): Promise<ReviewContext> {
    const cycle = await this.cycle(draftId, cycleId);
    const version = (await this.storage.getVersion(cycle.baseVersionId))!;
    const clauses = clauseNodesById(version.document);
    return {
      cycle,
      base: { version, outline: readOutline(version.document), clauses },
      live: readOutline(await this.liveDocument(draftId)),
    };
  }
}

/** The clause an amendment or resolution names is not in the base version. */
export function clauseNotInBase(): ApiError {
  return new ApiError(
    404,
    'clause_not_in_base',
    'The base version of this review cycle has no clause with that id; amendments are tabled against the base text.',
  );
}
