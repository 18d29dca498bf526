import { updateYFragment } from '@tiptap/y-tiptap';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { ConsolidationPlan, PersonRef, ReviewCycle } from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import { decide, roleMay } from '../../shared/roles';
import { draftSchema } from '../../shared/schema';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON } from '../drafts/documentOutline';
import { ApiError, draftNotFound, enforce } from '../errors';
import type { Logger } from '../logger';
import type { AmendmentRecord, Storage } from '../storage/Storage';
import type { VersionService } from '../versions/VersionService';
import type { AdoptedChange } from './consolidation';
import { isValidClause, planConsolidation } from './consolidation';
import type { ReviewActor } from './ReviewActor';
import { inCycle } from './ReviewActor';
import type { ReviewPresenter } from './ReviewPresenter';
import type { ReviewPublisher } from './ReviewPublisher';
import type { ReviewContext, ReviewRecords } from './ReviewRecords';
import { clauseNotInBase } from './ReviewRecords';

/** What the consolidation service works with, besides the review's own parts. */
export interface ConsolidationDeps {
  storage: Storage;
  registry: DocumentRegistry;
  versions: VersionService;
  logger: Logger;
  records: ReviewRecords;
  presenter: ReviewPresenter;
  publish: ReviewPublisher;
}

/**
 * The end of a cycle: what applying its adopted amendments to the live text would do (the plan,
 * with every conflict between them), the chair's resolutions of those conflicts, and the
 * consolidation itself, which applies them in one change and saves a new named version.
 */
export class ConsolidationService {
  private readonly schema = draftSchema();
  private readonly consolidating = new Set<string>();

  constructor(private readonly deps: ConsolidationDeps) {}

  async plan(draftId: string, cycleId: string): Promise<ConsolidationPlan> {
    const context = await this.deps.records.context(draftId, cycleId);
    return this.planFor(context, await this.deps.records.liveDocument(draftId));
  }

  async putResolution(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    clauseId: string,
    input: { clauses: DocumentNodeJSON[]; note: string },
  ): Promise<ConsolidationPlan> {
    enforce(roleMay(actor.role, 'review:resolve-conflict'));
    const context = await this.deps.records.context(draftId, cycleId);
    if (context.cycle.consolidatedAt) throw alreadyConsolidated();
    if (!context.base.clauses.has(clauseId)) throw clauseNotInBase();
    input.clauses.forEach((clause, k) => {
      if (!isValidClause(clause))
        throw new ApiError(400, 'invalid_clause', `Clause ${k + 1} of the resolution is not a well-formed clause.`);
    });
    await this.deps.storage.putResolution({
      cycleId,
      clauseId,
      clauses: input.clauses,
      note: input.note,
      by: actor.userId,
      at: new Date().toISOString(),
    });
    return this.plan(draftId, cycleId);
  }

  async deleteResolution(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    clauseId: string,
  ): Promise<ConsolidationPlan> {
    enforce(roleMay(actor.role, 'review:resolve-conflict'));
    await this.deps.records.context(draftId, cycleId);
    if (!(await this.deps.storage.deleteResolution(cycleId, clauseId)))
      throw new ApiError(404, 'resolution_not_found', 'There is no resolution for that clause.');
    return this.plan(draftId, cycleId);
  }

  /**
   * Applies every adopted amendment to the live text in one document change attributed to the
   * chair who consolidates, then saves the result as a new named version and closes the cycle.
   * Refused, with nothing applied, while decisions are pending or conflicts are unresolved.
   */
  async consolidate(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    input: { label?: string; note?: string },
  ): Promise<{ cycle: ReviewCycle; version: { id: string; label: string } }> {
    const { storage, registry, logger } = this.deps;
    enforce(roleMay(actor.role, 'review:consolidate'));
    if (this.consolidating.has(cycleId))
      throw new ApiError(409, 'consolidation_running', 'This review cycle is being consolidated right now.');
    this.consolidating.add(cycleId);
    try {
      const context = await this.deps.records.context(draftId, cycleId);
      if (context.cycle.consolidatedAt) throw alreadyConsolidated();
      enforce(decide('review:consolidate', inCycle(actor, context.cycle)));
      const records = await storage.listAmendments(cycleId);
      const pending = records.filter((r) => r.status === 'submitted' || r.status === 'under-consideration');
      if (pending.length > 0) {
        throw new ApiError(
          409,
          'decisions_pending',
          `Every amendment needs a decision before consolidation; ` +
            `${pending.map((r) => amendmentLabel(r.number)).join(', ')} ${pending.length === 1 ? 'has' : 'have'} none yet.`,
          { pending: pending.map((r) => amendmentLabel(r.number)) },
        );
      }
      const adopted = adoptedChanges(records);
      const resolutions = new Map((await storage.listResolutions(cycleId)).map((r) => [r.clauseId, r.clauses]));
      const applied = await registry.withDocument(draftId, async (document) => {
        let outcome: ReturnType<typeof planConsolidation> | null = null;
        await document.transactAsServer((doc) => {
          // Read and write in one synchronous transaction: edits arriving meanwhile merge after it.
          outcome = planConsolidation({
            base: context.base.version.document,
            live: documentJSON(doc),
            adopted,
            resolutions,
          });
          if (!outcome.document) return;
          updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), this.schema.nodeFromJSON(outcome.document), {
            mapping: new Map(),
            isOMark: new Map(),
          });
        }, actor.userId);
        return outcome!;
      });
      if (!applied) throw draftNotFound();
      const outcome: ReturnType<typeof planConsolidation> = applied;
      if (outcome.conflicts.length > 0) {
        throw new ApiError(
          409,
          'unresolved_conflicts',
          `${outcome.conflicts.length === 1 ? 'A conflict' : `${outcome.conflicts.length} conflicts`} ` +
            `between adopted amendments need${outcome.conflicts.length === 1 ? 's' : ''} ` +
            `resolving first: ${outcome.conflicts.map((c) => c.message).join(' ')}`,
          { conflicts: outcome.conflicts },
        );
      }
      const label = input.label ?? (await this.nextRevisionLabel(draftId, context.cycle.name));
      const version = await this.deps.versions.create(
        draftId,
        actor.userId,
        label,
        input.note ??
          `Consolidated text after the ${context.cycle.name}: ${adopted.map((a) => a.label).join(', ') || 'no amendments adopted'}.`,
      );
      const now = new Date().toISOString();
      await storage.updateReviewCycle(cycleId, {
        consolidatedVersionId: version.id,
        consolidatedBy: actor.userId,
        consolidatedAt: now,
        phase: 'closed',
        phaseChangedAt: context.cycle.phase === 'closed' ? context.cycle.phaseChangedAt : now,
      });
      logger.info(
        { draftId, cycleId, versionId: version.id, adopted: adopted.map((a) => a.label) },
        'review cycle consolidated',
      );
      const cycle = await this.deps.publish.cycle((await storage.getReviewCycle(cycleId))!);
      return { cycle, version: { id: version.id, label: version.label } };
    } finally {
      this.consolidating.delete(cycleId);
    }
  }

  private async planFor(context: ReviewContext, live: DocumentNodeJSON): Promise<ConsolidationPlan> {
    const { storage, presenter } = this.deps;
    const records = await storage.listAmendments(context.cycle.id);
    const adopted = adoptedChanges(records);
    const resolutionRecords = await storage.listResolutions(context.cycle.id);
    const outcome = planConsolidation({
      base: context.base.version.document,
      live,
      adopted,
      resolutions: new Map(resolutionRecords.map((r) => [r.clauseId, r.clauses])),
    });
    // Every conflict is listed, resolved or not, so the chair sees what each resolution settled.
    const conflicts =
      resolutionRecords.length === 0
        ? outcome.conflicts
        : planConsolidation({ base: context.base.version.document, live, adopted, resolutions: new Map() }).conflicts;
    const people = new Map<string, PersonRef>();
    return {
      adopted: adopted.map((a) => a.label),
      pending: records
        .filter((r) => r.status === 'submitted' || r.status === 'under-consideration')
        .map((r) => amendmentLabel(r.number)),
      conflicts: [
        ...conflicts,
        ...outcome.conflicts.filter(
          (c) => !conflicts.some((listed) => listed.clauseId === c.clauseId && listed.reason === c.reason),
        ),
      ],
      resolutions: await Promise.all(
        resolutionRecords.map(async (r) => ({
          clauseId: r.clauseId,
          clauses: r.clauses,
          note: r.note,
          by: await presenter.person(r.by, people),
          at: r.at,
        })),
      ),
      preview: outcome.preview,
    };
  }

  private async nextRevisionLabel(draftId: string, cycleName: string): Promise<string> {
    const numbers = (await this.deps.storage.listVersions(draftId))
      .map((v) => /^Rev\.(\d+)/.exec(v.label)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    const name = cycleName.replace(/^the\s+/i, '');
    return `Rev.${Math.max(0, ...numbers) + 1} after the ${name}`;
  }
}

function adoptedChanges(records: AmendmentRecord[]): AdoptedChange[] {
  return records
    .filter((r) => r.status === 'adopted' || r.status === 'adopted-as-revised')
    .sort((a, b) => a.number! - b.number!)
    .map((r) => ({
      label: amendmentLabel(r.number),
      number: r.number!,
      kind: r.kind,
      clauseId: r.clauseId,
      clause: r.status === 'adopted-as-revised' ? r.revised : r.proposed,
      pillars: r.pillars,
    }));
}

function alreadyConsolidated(): ApiError {
  return new ApiError(409, 'already_consolidated', 'This review cycle has already been consolidated.');
}
