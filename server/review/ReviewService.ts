import { updateYFragment } from '@tiptap/y-tiptap';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import { clauseText, plainText, readOutline } from '../../shared/outline';
import type { WordChange } from '../../shared/redline';
import { wordChanges } from '../../shared/redline';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import { AMENDMENT_STATUS_LABELS, changeAmendmentStatus, isFinalStatus } from '../../shared/review/amendmentStatus';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import { REVIEW_PHASE_LABELS, movePhase } from '../../shared/review/reviewPhases';
import type {
  AffiliationRef,
  Amendment,
  Compilation,
  ConsolidationPlan,
  NewAmendment,
  PersonRef,
  ReviewCycle,
  ReviewSchedule,
  StatusRequest,
  WordAction,
} from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import type { Role } from '../../shared/roles';
import { draftSchema } from '../../shared/schema';
import type { Principal } from '../auth/AuthService';
import { newId } from '../auth/AuthService';
import type { ConnectionAccess } from '../collab/ConnectionAccess';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON } from '../drafts/documentOutline';
import { ApiError, draftNotFound } from '../errors';
import type { Logger } from '../logger';
import type { AmendmentRecord, ReviewCycleRecord, Storage, VersionRecord } from '../storage/Storage';
import type { VersionService } from '../versions/VersionService';
import type { AdoptedChange } from './consolidation';
import { isValidClause, planConsolidation } from './consolidation';

/** Who is reading or acting: their person, role on the draft and delegation or organisation. */
export interface ReviewActor {
  userId: string;
  role: Role;
  affiliationId: string;
  affiliationKind: 'delegation' | 'organisation';
}

export function reviewActor(principal: Principal, role: Role): ReviewActor {
  return {
    userId: principal.user.id,
    role,
    affiliationId: principal.affiliation.id,
    affiliationKind: principal.affiliation.kind,
  };
}

/** Everything the amendments of one cycle are presented with, read once per request. */
interface Context {
  cycle: ReviewCycleRecord;
  base: { version: VersionRecord; outline: Outline; clauses: Map<string, DocumentNodeJSON> };
  live: Outline;
}

const DECISIONS: readonly AmendmentStatus[] = ['adopted', 'adopted-as-revised', 'rejected'];

/**
 * The periodic review: cycles on a published base version moving through their phases, formal
 * amendments with sponsors, co-sponsors, statements and recorded decisions, the compilation, and
 * the consolidation of adopted amendments into the live text and a new named version.
 *
 * Every change is checked against the phase and status machines in `shared/review/`, and is
 * pushed at once to every open client of the draft that may see it.
 */
export class ReviewService {
  private readonly schema = draftSchema();
  private readonly consolidating = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
    private readonly versions: VersionService,
    private readonly logger: Logger,
  ) {}

  // ——— cycles ———

  async listCycles(draftId: string, reader: ReviewActor): Promise<ReviewCycle[]> {
    const cycles = await this.storage.listReviewCycles(draftId);
    return Promise.all(
      cycles.map(async (cycle) => this.presentCycle(cycle, await this.storage.listAmendments(cycle.id), reader)),
    );
  }

  async openCycle(
    draftId: string,
    actor: ReviewActor,
    input: { name: string; baseVersionId: string; schedule: ReviewSchedule },
  ): Promise<ReviewCycle> {
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
    return this.publishCycle(cycle);
  }

  async getCycle(
    draftId: string,
    cycleId: string,
    reader: ReviewActor,
  ): Promise<{ cycle: ReviewCycle; amendments: Amendment[]; lastVisitAt: string | null }> {
    const context = await this.context(draftId, cycleId);
    const records = await this.storage.listAmendments(cycleId);
    const amendments = await this.presentAll(
      context,
      records.filter((record) => visibleTo(record, reader)),
    );
    return {
      cycle: await this.presentCycle(context.cycle, records, reader),
      amendments,
      lastVisitAt: (await this.storage.getReviewVisit(cycleId, reader.userId)) ?? null,
    };
  }

  /** One cycle's summary, without its amendments. */
  async getCycleSummary(draftId: string, cycleId: string, reader: ReviewActor): Promise<ReviewCycle> {
    const cycle = await this.cycle(draftId, cycleId);
    return this.presentCycle(cycle, await this.storage.listAmendments(cycleId), reader);
  }

  async movePhase(draftId: string, cycleId: string, actor: ReviewActor, to: ReviewPhase): Promise<ReviewCycle> {
    const cycle = await this.cycle(draftId, cycleId);
    const move = movePhase(actor.role, cycle.phase, to);
    if (!move.ok)
      throw new ApiError(
        actor.role === 'chair' ? 409 : 403,
        actor.role === 'chair' ? 'phase_not_allowed' : 'forbidden',
        move.reason,
      );
    if (to === 'closed') {
      const pending = (await this.storage.listAmendments(cycle.id)).filter(
        (r) => r.status === 'submitted' || r.status === 'under-consideration',
      );
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
    return this.publishCycle((await this.storage.getReviewCycle(cycle.id))!);
  }

  async visit(draftId: string, cycleId: string, reader: ReviewActor): Promise<string> {
    await this.cycle(draftId, cycleId);
    const at = new Date();
    await this.storage.setReviewVisit(cycleId, reader.userId, at);
    return at.toISOString();
  }

  // ——— amendments ———

  async getAmendment(draftId: string, cycleId: string, amendmentId: string, reader: ReviewActor): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, reader);
    return (await this.presentAll(context, [record]))[0]!;
  }

  async propose(draftId: string, cycleId: string, actor: ReviewActor, input: NewAmendment): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    this.refuseNonDelegation(actor, 'propose amendments');
    if (context.cycle.phase !== 'submission')
      throw wrongPhase('Amendments are proposed', ['submission'], context.cycle.phase);
    this.checkProposal(context, input);
    const now = new Date().toISOString();
    const record = await this.storage.createAmendment({
      id: newId(),
      cycleId,
      draftId,
      number: null,
      kind: input.kind,
      clauseId: input.clauseId,
      proposed: input.kind === 'delete' ? null : input.proposed,
      justification: input.justification,
      pillars: [...new Set(input.pillars)],
      sponsorId: actor.affiliationId,
      createdBy: actor.userId,
      createdAt: now,
      submittedAt: null,
      updatedAt: now,
      status: 'draft',
      revised: null,
      transitions: [],
    });
    return this.publishAmendment(context, record);
  }

  /** The sponsor rewrites a draft amendment before submitting it. */
  async edit(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    patch: Partial<NewAmendment>,
  ): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, actor);
    if (record.sponsorId !== actor.affiliationId || actor.role === 'observer')
      throw new ApiError(403, 'forbidden', 'Only the sponsoring delegation can change an amendment.');
    if (record.status !== 'draft')
      throw new ApiError(
        409,
        'amendment_not_draft',
        `${amendmentLabel(record.number)} has been submitted; its wording can no longer change. Withdraw it and propose another.`,
      );
    if (context.cycle.phase !== 'submission')
      throw wrongPhase('Amendments are changed', ['submission'], context.cycle.phase);
    const next: NewAmendment = {
      kind: patch.kind ?? record.kind,
      clauseId: patch.clauseId ?? record.clauseId,
      proposed: patch.proposed !== undefined ? patch.proposed : record.proposed,
      justification: patch.justification ?? record.justification,
      pillars: patch.pillars ?? record.pillars,
    };
    this.checkProposal(context, next);
    await this.storage.updateAmendment(record.id, {
      ...next,
      proposed: next.kind === 'delete' ? null : next.proposed,
      pillars: [...new Set(next.pillars)],
      updatedAt: new Date().toISOString(),
    });
    return this.publishAmendment(context, (await this.storage.getAmendment(record.id))!);
  }

  async changeStatus(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    request: StatusRequest,
  ): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, actor);
    const isSponsor = record.sponsorId === actor.affiliationId;
    const change = changeAmendmentStatus(
      { role: actor.role, isSponsor },
      context.cycle.phase,
      record.status,
      request.to,
    );
    if (!change.ok) {
      const forbidden = change.reason.startsWith('Only');
      throw new ApiError(forbidden ? 403 : 409, forbidden ? 'forbidden' : 'transition_not_allowed', change.reason);
    }
    const decided = DECISIONS.includes(request.to);
    if (decided && !request.decision)
      throw new ApiError(
        400,
        'decision_required',
        'Record how the decision was taken: by consensus, or by a vote with its counts.',
      );
    if (!decided && request.decision)
      throw new ApiError(
        400,
        'decision_not_expected',
        'Only adoption and rejection are decisions with a recorded method.',
      );
    let revised: DocumentNodeJSON | null = null;
    if (request.to === 'adopted-as-revised') {
      if (record.kind === 'delete')
        throw new ApiError(
          400,
          'nothing_to_revise',
          'An amendment deleting a clause has no wording to revise orally; adopt or reject it.',
        );
      if (!request.revised)
        throw new ApiError(
          400,
          'revised_text_required',
          'An amendment adopted as orally revised needs the revised text.',
        );
      if (!isValidClause(request.revised))
        throw new ApiError(400, 'invalid_clause', 'The revised text is not a well-formed clause.');
      revised = request.revised;
    } else if (request.revised)
      throw new ApiError(
        400,
        'revised_text_not_expected',
        'Revised text is recorded only when an amendment is adopted as orally revised.',
      );

    const now = new Date().toISOString();
    const transitions = [
      ...record.transitions,
      {
        from: record.status,
        to: request.to,
        by: actor.userId,
        at: now,
        note: request.note ?? '',
        decision: request.decision ?? null,
      },
    ];
    if (request.to === 'submitted') await this.storage.numberAmendment(record.id);
    await this.storage.updateAmendment(record.id, {
      status: request.to,
      transitions,
      updatedAt: now,
      ...(request.to === 'submitted' ? { submittedAt: now } : {}),
      ...(revised ? { revised } : {}),
    });
    const updated = (await this.storage.getAmendment(record.id))!;
    this.logger.info(
      { draftId, cycleId, amendmentId, from: record.status, to: request.to },
      'amendment status changed',
    );
    const presented = await this.publishAmendment(context, updated);
    if (request.to === 'submitted' || isFinalStatus(request.to)) await this.publishCycle(context.cycle);
    return presented;
  }

  /** Another delegation asks to co-sponsor an amendment; the sponsor answers. */
  async requestCoSponsorship(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
  ): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, actor);
    this.refuseNonDelegation(actor, 'co-sponsor amendments');
    if (record.sponsorId === actor.affiliationId)
      throw new ApiError(409, 'already_sponsor', 'Your delegation sponsors this amendment.');
    this.refuseClosedForSupport(context.cycle, record, 'co-sponsored');
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
    return this.touch(context, record);
  }

  async answerCoSponsorship(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    affiliationId: string,
    actor: ReviewActor,
    accept: boolean,
  ): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, actor);
    if (record.sponsorId !== actor.affiliationId || actor.role === 'observer')
      throw new ApiError(403, 'forbidden', 'Only the sponsoring delegation accepts co-sponsors.');
    const request = (await this.storage.listCoSponsors(cycleId)).find(
      (c) => c.amendmentId === record.id && c.affiliationId === affiliationId,
    );
    if (!request)
      throw new ApiError(404, 'co_sponsor_not_found', 'That delegation has not asked to co-sponsor this amendment.');
    if (request.status === 'accepted' && accept)
      throw new ApiError(409, 'already_accepted', 'That delegation already co-sponsors this amendment.');
    this.refuseClosedForSupport(context.cycle, record, 'co-sponsored');
    if (accept)
      await this.storage.putCoSponsor({ ...request, status: 'accepted', acceptedAt: new Date().toISOString() });
    else await this.storage.deleteCoSponsor(record.id, affiliationId);
    return this.touch(context, record);
  }

  /** A co-sponsoring delegation withdraws its co-sponsorship (or its request). */
  async leaveCoSponsorship(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    affiliationId: string,
    actor: ReviewActor,
  ): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, actor);
    if (affiliationId !== actor.affiliationId || actor.role === 'observer')
      throw new ApiError(
        403,
        'forbidden',
        'Only a co-sponsoring delegation can withdraw its own co-sponsorship; the sponsor declines requests instead.',
      );
    this.refuseClosedForSupport(context.cycle, record, 'co-sponsored');
    if (!(await this.storage.deleteCoSponsor(record.id, affiliationId)))
      throw new ApiError(404, 'co_sponsor_not_found', 'Your delegation does not co-sponsor this amendment.');
    return this.touch(context, record);
  }

  /** A delegation states its support for or objection to an amendment (one statement each, replaceable). */
  async state(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    statement: { stance: 'support' | 'objection'; note: string } | null,
  ): Promise<Amendment> {
    const context = await this.context(draftId, cycleId);
    const record = await this.amendment(context.cycle, amendmentId, actor);
    this.refuseNonDelegation(actor, 'state support or objection');
    if (record.sponsorId === actor.affiliationId)
      throw new ApiError(
        409,
        'sponsor_statement',
        'The sponsoring delegation supports its amendment by sponsoring it.',
      );
    this.refuseClosedForSupport(context.cycle, record, 'supported or objected to');
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
    return this.touch(context, record);
  }

  // ——— views ———

  async compilation(draftId: string, cycleId: string, reader: ReviewActor): Promise<Compilation> {
    const context = await this.context(draftId, cycleId);
    const records = await this.storage.listAmendments(cycleId);
    const tabled = records
      .filter((r) => r.number !== null && r.status !== 'withdrawn')
      .sort((a, b) => a.number! - b.number!);
    const amendments = await this.presentAll(context, tabled);
    return {
      cycle: await this.presentCycle(context.cycle, records, reader),
      clauses: context.base.outline.clauses.map((clause) => ({
        id: clause.id,
        number: clause.number,
        kind: clause.kind,
        text: clause.text,
        pillars: clause.pillars,
        amendments: amendments.filter((amendment) => amendment.clauseId === clause.id),
      })),
    };
  }

  // ——— consolidation ———

  async consolidationPlan(draftId: string, cycleId: string): Promise<ConsolidationPlan> {
    const context = await this.context(draftId, cycleId);
    const live = await this.registry.withDocument(draftId, async (document) => documentJSON(document.doc));
    if (!live) throw draftNotFound();
    return this.plan(context, live);
  }

  async putResolution(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    clauseId: string,
    input: { clauses: DocumentNodeJSON[]; note: string },
  ): Promise<ConsolidationPlan> {
    const context = await this.context(draftId, cycleId);
    this.refuseUnlessChair(actor, 'resolve conflicts');
    if (context.cycle.consolidatedAt) throw alreadyConsolidated();
    if (!context.base.clauses.has(clauseId)) throw clauseNotInBase();
    input.clauses.forEach((clause, k) => {
      if (!isValidClause(clause))
        throw new ApiError(400, 'invalid_clause', `Clause ${k + 1} of the resolution is not a well-formed clause.`);
    });
    await this.storage.putResolution({
      cycleId,
      clauseId,
      clauses: input.clauses,
      note: input.note,
      by: actor.userId,
      at: new Date().toISOString(),
    });
    return this.consolidationPlan(draftId, cycleId);
  }

  async deleteResolution(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    clauseId: string,
  ): Promise<ConsolidationPlan> {
    await this.context(draftId, cycleId);
    this.refuseUnlessChair(actor, 'resolve conflicts');
    if (!(await this.storage.deleteResolution(cycleId, clauseId)))
      throw new ApiError(404, 'resolution_not_found', 'There is no resolution for that clause.');
    return this.consolidationPlan(draftId, cycleId);
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
    this.refuseUnlessChair(actor, 'consolidate a review cycle');
    if (this.consolidating.has(cycleId))
      throw new ApiError(409, 'consolidation_running', 'This review cycle is being consolidated right now.');
    this.consolidating.add(cycleId);
    try {
      const context = await this.context(draftId, cycleId);
      if (context.cycle.consolidatedAt) throw alreadyConsolidated();
      if (context.cycle.phase !== 'decision' && context.cycle.phase !== 'closed')
        throw wrongPhase('A review cycle is consolidated', ['decision', 'closed'], context.cycle.phase);
      const records = await this.storage.listAmendments(cycleId);
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
      const resolutions = new Map((await this.storage.listResolutions(cycleId)).map((r) => [r.clauseId, r.clauses]));
      const applied = await this.registry.withDocument(draftId, async (document) => {
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
      const version = await this.versions.create(
        draftId,
        actor.userId,
        label,
        input.note ??
          `Consolidated text after the ${context.cycle.name}: ${adopted.map((a) => a.label).join(', ') || 'no amendments adopted'}.`,
      );
      const now = new Date().toISOString();
      await this.storage.updateReviewCycle(cycleId, {
        consolidatedVersionId: version.id,
        consolidatedBy: actor.userId,
        consolidatedAt: now,
        phase: 'closed',
        phaseChangedAt: context.cycle.phase === 'closed' ? context.cycle.phaseChangedAt : now,
      });
      this.logger.info(
        { draftId, cycleId, versionId: version.id, adopted: adopted.map((a) => a.label) },
        'review cycle consolidated',
      );
      const cycle = await this.publishCycle((await this.storage.getReviewCycle(cycleId))!);
      return { cycle, version: { id: version.id, label: version.label } };
    } finally {
      this.consolidating.delete(cycleId);
    }
  }

  // ——— internals ———

  private async plan(context: Context, live: DocumentNodeJSON): Promise<ConsolidationPlan> {
    const records = await this.storage.listAmendments(context.cycle.id);
    const adopted = adoptedChanges(records);
    const resolutionRecords = await this.storage.listResolutions(context.cycle.id);
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
          by: await this.person(r.by, people),
          at: r.at,
        })),
      ),
      preview: outcome.preview,
    };
  }

  private async nextRevisionLabel(draftId: string, cycleName: string): Promise<string> {
    const numbers = (await this.storage.listVersions(draftId))
      .map((v) => /^Rev\.(\d+)/.exec(v.label)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    const name = cycleName.replace(/^the\s+/i, '');
    return `Rev.${Math.max(0, ...numbers) + 1} after the ${name}`;
  }

  private checkProposal(context: Context, input: NewAmendment): void {
    const base = context.base.clauses.get(input.clauseId);
    if (!base) throw clauseNotInBase();
    if (input.kind === 'delete') {
      if (input.proposed !== null)
        throw new ApiError(
          400,
          'unexpected_wording',
          'An amendment deleting a clause proposes no wording; send "proposed": null.',
        );
      return;
    }
    if (!input.proposed || !isValidClause(input.proposed))
      throw new ApiError(
        400,
        'invalid_clause',
        'The proposed wording must be one well-formed clause (a paragraph, then optional lettered sub-paragraphs).',
      );
    const text = plainText(input.proposed).trim();
    if (text.length === 0) throw new ApiError(400, 'empty_wording', 'The proposed wording is empty.');
    if (input.kind === 'modify' && clauseText(input.proposed) === clauseText(base))
      throw new ApiError(400, 'no_change', 'The proposed wording is the same as the base clause.');
  }

  private refuseNonDelegation(actor: ReviewActor, what: string): void {
    if (actor.role === 'observer')
      throw new ApiError(
        403,
        'forbidden',
        `Observers cannot ${what}; they may comment on amendments during the comment period.`,
      );
    if (actor.affiliationKind !== 'delegation')
      throw new ApiError(
        403,
        'not_a_delegation',
        `Only delegations of States ${what}; your account belongs to an organisation.`,
      );
  }

  private refuseUnlessChair(actor: ReviewActor, what: string): void {
    if (actor.role !== 'chair') throw new ApiError(403, 'forbidden', `Only the chair can ${what}.`);
  }

  private refuseClosedForSupport(cycle: ReviewCycleRecord, record: AmendmentRecord, what: string): void {
    if (record.status !== 'submitted' && record.status !== 'under-consideration') {
      throw new ApiError(
        409,
        'amendment_not_open',
        `${amendmentLabel(record.number)} is ${AMENDMENT_STATUS_LABELS[record.status].toLowerCase()}; ` +
          `only submitted amendments and those under consideration can be ${what}.`,
      );
    }
    if (cycle.phase === 'decision' || cycle.phase === 'closed')
      throw wrongPhase(`Amendments are ${what}`, ['submission', 'comment', 'deliberation'], cycle.phase);
  }

  private async cycle(draftId: string, cycleId: string): Promise<ReviewCycleRecord> {
    const cycle = await this.storage.getReviewCycle(cycleId);
    if (!cycle || cycle.draftId !== draftId)
      throw new ApiError(404, 'cycle_not_found', 'This draft has no review cycle with that id.');
    return cycle;
  }

  /** An amendment of the cycle that the reader may see (drafts only by their sponsor), or a 404. */
  private async amendment(
    cycle: ReviewCycleRecord,
    amendmentId: string,
    reader: ReviewActor,
  ): Promise<AmendmentRecord> {
    const record = await this.storage.getAmendment(amendmentId);
    if (!record || record.cycleId !== cycle.id || !visibleTo(record, reader))
      throw new ApiError(404, 'amendment_not_found', 'This review cycle has no amendment with that id.');
    return record;
  }

  private async context(draftId: string, cycleId: string): Promise<Context> {
    const cycle = await this.cycle(draftId, cycleId);
    const version = (await this.storage.getVersion(cycle.baseVersionId))!;
    const clauses = new Map<string, DocumentNodeJSON>();
    for (const section of version.document.content ?? [])
      for (const node of section.content ?? [])
        if (node.type === 'clause' && typeof node.attrs?.id === 'string') clauses.set(node.attrs.id, node);
    const liveDocument = await this.registry.withDocument(draftId, async (document) => documentJSON(document.doc));
    if (!liveDocument) throw draftNotFound();
    return {
      cycle,
      base: { version, outline: readOutline(version.document), clauses },
      live: readOutline(liveDocument),
    };
  }

  private async touch(context: Context, record: AmendmentRecord): Promise<Amendment> {
    await this.storage.updateAmendment(record.id, { updatedAt: new Date().toISOString() });
    return this.publishAmendment(context, (await this.storage.getAmendment(record.id))!);
  }

  private async publishAmendment(context: Context, record: AmendmentRecord): Promise<Amendment> {
    const amendment = (await this.presentAll(context, [record]))[0]!;
    await this.registry.sendEvent(record.draftId, (access) =>
      visibleTo(record, accessActor(access)) ? { type: 'amendment', amendment } : null,
    );
    return amendment;
  }

  private async publishCycle(record: ReviewCycleRecord): Promise<ReviewCycle> {
    const amendments = await this.storage.listAmendments(record.id);
    const refs = await this.cycleRefs(record);
    // Counts differ per delegation (its own drafts count for it alone): one summary per delegation.
    const byAffiliation = new Map<string, ReviewCycle>();
    const forReader = (access: ConnectionAccess): ReviewCycle => {
      let cycle = byAffiliation.get(access.affiliationId);
      if (!cycle) {
        cycle = cycleSummary(record, refs, amendments, accessActor(access));
        byAffiliation.set(access.affiliationId, cycle);
      }
      return cycle;
    };
    await this.registry.sendEvent(record.draftId, (access) => ({ type: 'review-cycle', cycle: forReader(access) }));
    return cycleSummary(record, refs, amendments, {
      userId: record.openedBy,
      role: 'chair',
      affiliationId: '',
      affiliationKind: 'organisation',
    });
  }

  /** What a cycle's summary refers to: its base version, consolidated version and people. */
  private async cycleRefs(record: ReviewCycleRecord): Promise<CycleRefs> {
    const people = new Map<string, PersonRef>();
    const base = await this.storage.getVersion(record.baseVersionId);
    const consolidatedVersion = record.consolidatedVersionId
      ? await this.storage.getVersion(record.consolidatedVersionId)
      : undefined;
    return {
      baseVersion: { id: record.baseVersionId, label: base?.label ?? '' },
      openedBy: await this.person(record.openedBy, people),
      consolidated:
        consolidatedVersion && record.consolidatedAt && record.consolidatedBy
          ? {
              versionId: consolidatedVersion.id,
              label: consolidatedVersion.label,
              at: record.consolidatedAt,
              by: await this.person(record.consolidatedBy, people),
            }
          : null,
    };
  }

  private async presentCycle(
    record: ReviewCycleRecord,
    amendments: AmendmentRecord[],
    reader: ReviewActor,
  ): Promise<ReviewCycle> {
    return cycleSummary(record, await this.cycleRefs(record), amendments, reader);
  }

  private async presentAll(context: Context, records: AmendmentRecord[]): Promise<Amendment[]> {
    const people = new Map<string, PersonRef>();
    const affiliations = new Map<string, AffiliationRef>();
    const coSponsors = await this.storage.listCoSponsors(context.cycle.id);
    const statements = await this.storage.listStatements(context.cycle.id);
    const liveById = new Map(context.live.clauses.map((clause) => [clause.id, clause]));
    const baseById = new Map(context.base.outline.clauses.map((clause) => [clause.id, clause]));
    return Promise.all(
      records.map(async (record): Promise<Amendment> => {
        const baseClause = baseById.get(record.clauseId);
        const baseText = baseClause?.text ?? '';
        const live = liveById.get(record.clauseId);
        // Once consolidated, the live text differs from the base because of the review itself.
        const liveChange: Amendment['liveChange'] = context.cycle.consolidatedAt
          ? null
          : !live
            ? { change: 'removed', words: [{ op: 'delete', text: baseText }], liveNumber: null }
            : live.text !== baseText
              ? { change: 'modified', words: wordChanges(baseText, live.text), liveNumber: live.number }
              : null;
        return {
          id: record.id,
          cycleId: record.cycleId,
          draftId: record.draftId,
          number: record.number,
          label: amendmentLabel(record.number),
          kind: record.kind,
          wordAction:
            record.kind === 'modify' && record.proposed
              ? wordAction(wordChanges(baseText, clauseText(record.proposed)))
              : 'none',
          clauseId: record.clauseId,
          clauseNumber: baseClause?.number ?? '',
          baseText,
          proposed: record.proposed,
          redline: redlineOf(record.kind, baseText, record.proposed),
          justification: record.justification,
          pillars: record.pillars,
          sponsor: await this.affiliation(record.sponsorId, affiliations),
          createdBy: await this.person(record.createdBy, people),
          coSponsors: await Promise.all(
            coSponsors
              .filter((c) => c.amendmentId === record.id)
              .map(async (c) => ({
                affiliation: await this.affiliation(c.affiliationId, affiliations),
                status: c.status,
                requestedBy: await this.person(c.requestedBy, people),
                requestedAt: c.requestedAt,
                acceptedAt: c.acceptedAt,
              })),
          ),
          statements: await Promise.all(
            statements
              .filter((s) => s.amendmentId === record.id)
              .map(async (s) => ({
                affiliation: await this.affiliation(s.affiliationId, affiliations),
                stance: s.stance,
                note: s.note,
                by: await this.person(s.by, people),
                at: s.at,
              })),
          ),
          status: record.status,
          revised: record.revised
            ? { proposed: record.revised, redline: redlineOf(record.kind, baseText, record.revised) }
            : null,
          transitions: await Promise.all(
            record.transitions.map(async (t) => ({ ...t, by: await this.person(t.by, people) })),
          ),
          liveChange,
          createdAt: record.createdAt,
          submittedAt: record.submittedAt,
          updatedAt: record.updatedAt,
        };
      }),
    );
  }

  private async person(id: string, cache: Map<string, PersonRef>): Promise<PersonRef> {
    let person = cache.get(id);
    if (!person) {
      const user = await this.storage.getUser(id);
      person = { id, name: user?.name ?? 'Former member' };
      cache.set(id, person);
    }
    return person;
  }

  private async affiliation(id: string, cache: Map<string, AffiliationRef>): Promise<AffiliationRef> {
    let ref = cache.get(id);
    if (!ref) {
      const found = await this.storage.getAffiliation(id);
      ref = found
        ? { id, kind: found.kind, name: found.name, code: found.code }
        : { id, kind: 'delegation', name: 'Unknown', code: null };
      cache.set(id, ref);
    }
    return ref;
  }
}

type CycleRefs = Pick<ReviewCycle, 'baseVersion' | 'openedBy' | 'consolidated'>;

/** A cycle as `reader` sees it: amendments counted per status, drafts only their sponsor's own. */
function cycleSummary(
  record: ReviewCycleRecord,
  refs: CycleRefs,
  amendments: AmendmentRecord[],
  reader: ReviewActor,
): ReviewCycle {
  const counts: ReviewCycle['counts'] = {};
  for (const amendment of amendments)
    if (visibleTo(amendment, reader)) counts[amendment.status] = (counts[amendment.status] ?? 0) + 1;
  return {
    id: record.id,
    draftId: record.draftId,
    name: record.name,
    baseVersion: refs.baseVersion,
    phase: record.phase,
    schedule: record.schedule,
    openedBy: refs.openedBy,
    createdAt: record.createdAt,
    phaseChangedAt: record.phaseChangedAt,
    consolidated: refs.consolidated,
    counts,
  };
}

/** A draft amendment is seen only by its sponsoring delegation; everything submitted by every member. */
function visibleTo(record: AmendmentRecord, reader: Pick<ReviewActor, 'affiliationId'>): boolean {
  return record.status !== 'draft' || record.sponsorId === reader.affiliationId;
}

function accessActor(access: ConnectionAccess): ReviewActor {
  return {
    userId: access.userId,
    role: access.role,
    affiliationId: access.affiliationId,
    affiliationKind: 'delegation',
  };
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

function redlineOf(kind: Amendment['kind'], baseText: string, proposed: DocumentNodeJSON | null): WordChange[] {
  if (kind === 'delete') return [{ op: 'delete', text: baseText }];
  if (kind === 'add') return [{ op: 'insert', text: proposed ? clauseText(proposed) : '' }];
  return wordChanges(baseText, proposed ? clauseText(proposed) : '');
}

function wordAction(words: WordChange[]): WordAction {
  const inserts = words.some((w) => w.op === 'insert' && w.text.trim());
  const deletes = words.some((w) => w.op === 'delete' && w.text.trim());
  return inserts && deletes ? 'replace' : inserts ? 'insert' : deletes ? 'delete' : 'none';
}

function wrongPhase(what: string, phases: ReviewPhase[], now: ReviewPhase): ApiError {
  return new ApiError(
    409,
    'wrong_phase',
    `${what} during ${phases.map((p) => `"${REVIEW_PHASE_LABELS[p]}"`).join(' or ')}; this review cycle is in "${REVIEW_PHASE_LABELS[now]}".`,
  );
}

function clauseNotInBase(): ApiError {
  return new ApiError(
    404,
    'clause_not_in_base',
    'The base version of this review cycle has no clause with that id; amendments are tabled against the base text.',
  );
}

function alreadyConsolidated(): ApiError {
  return new ApiError(409, 'already_consolidated', 'This review cycle has already been consolidated.');
}
