import { clauseNodesById } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { clauseText, plainText } from '../../shared/outline';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import { isFinalStatus, isPendingStatus } from '../../shared/review/amendmentStatus';
import { changeAmendmentStatus } from '../../shared/review/amendmentTransitions';
import { submissionClosed } from '../../shared/review/reviewPhases';
import type {
  AdoptionPreview,
  AffiliationRef,
  Amendment,
  DecisionMethod,
  NewAmendment,
  StatusRequest,
} from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import { decide, roleMay } from '../../shared/roles';
import { newId } from '../auth/AuthService';
import { ApiError, enforce } from '../errors';
import { requireDraftPillars } from '../drafts/draftPillars';
import type { Logger } from '../logger';
import type { AmendmentRecord, ResolutionRecord, Storage } from '../storage/Storage';
import type { AdoptedChange } from './consolidation';
import { isValidClause } from './consolidation';
import { isAdopted } from './consolidationRecord';
import { asChange, conflictsAmong, fallingWith } from './decisionsFit';
import { idsIn, withPointIds } from './pointIds';
import type { ReviewActor } from './ReviewActor';
import { inCycle, onAmendment } from './ReviewActor';
import type { ReviewPresenter } from './ReviewPresenter';
import type { ReviewPublisher } from './ReviewPublisher';
import type { ReviewContext, ReviewRecords } from './ReviewRecords';
import { clauseNotInBase } from './ReviewRecords';

const DECISIONS: readonly AmendmentStatus[] = ['adopted', 'adopted-as-revised', 'rejected'];

/**
 * Formal amendments: proposed by a delegation against a clause of the base version, rewritten
 * by its sponsor while a draft, and moved through the status machine (submitted, under
 * consideration, decided or withdrawn) with a record of each change. Who may do each is the
 * policy's (shared/roles.ts).
 */
export class AmendmentService {
  constructor(
    private readonly storage: Storage,
    private readonly records: ReviewRecords,
    private readonly presenter: ReviewPresenter,
    private readonly publish: ReviewPublisher,
    private readonly logger: Logger,
  ) {}

  async get(draftId: string, cycleId: string, amendmentId: string, reader: ReviewActor): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, reader);
    return (await this.presenter.presentAll(context, [record]))[0]!;
  }

  async propose(draftId: string, cycleId: string, actor: ReviewActor, input: NewAmendment): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    enforce(decide('amendment:propose', inCycle(actor, context.cycle)));
    const proposed = checkProposal(context, input);
    const now = new Date().toISOString();
    const record = await this.storage.createAmendment({
      id: newId(),
      cycleId,
      draftId,
      number: null,
      kind: input.kind,
      clauseId: input.clauseId,
      proposed,
      justification: input.justification,
      pillars: requireDraftPillars(await this.records.pillars(draftId), input.pillars),
      sponsorId: actor.affiliationId,
      createdBy: actor.userId,
      createdAt: now,
      submittedAt: null,
      updatedAt: now,
      status: 'draft',
      revised: null,
      transitions: [],
    });
    return this.publish.amendment(context, record);
  }

  /** The sponsor rewrites a draft amendment before submitting it. */
  async edit(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    patch: Partial<NewAmendment>,
  ): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    enforce(decide('amendment:edit', onAmendment(actor, context.cycle, record)));
    const next: NewAmendment = {
      kind: patch.kind ?? record.kind,
      clauseId: patch.clauseId ?? record.clauseId,
      proposed: patch.proposed !== undefined ? patch.proposed : record.proposed,
      justification: patch.justification ?? record.justification,
      pillars: patch.pillars ?? record.pillars,
    };
    const proposed = checkProposal(context, next);
    await this.storage.updateAmendment(record.id, {
      ...next,
      proposed,
      pillars: patch.pillars ? requireDraftPillars(await this.records.pillars(draftId), patch.pillars) : record.pillars,
      updatedAt: new Date().toISOString(),
    });
    return this.publish.amendment(context, (await this.storage.getAmendment(record.id))!);
  }

  /** Submits, puts under consideration, decides or withdraws an amendment, as the status machine allows. */
  async changeStatus(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    request: StatusRequest,
  ): Promise<Amendment> {
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    enforce(changeAmendmentStatus(onAmendment(actor, context.cycle, record), request.to));
    const closed = request.to === 'submitted' ? submissionClosed(context.cycle.schedule, new Date()) : null;
    if (closed !== null) throw new ApiError(409, 'submission_closed', closed);
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
    const revised = revisedText(record, request, context);
    const decision = request.decision ? await this.overriding(context.cycle.id, record, request) : null;
    const records = await this.storage.listAmendments(cycleId);
    const adopting = ADOPTIONS.includes(request.to)
      ? asChange({ ...record, status: request.to, revised: revised ?? record.revised })
      : null;
    const resolution = await this.resolutionWith(context, record, records, adopting, request);

    const now = new Date().toISOString();
    const transitions = [
      ...record.transitions,
      {
        from: record.status,
        to: request.to,
        by: actor.userId,
        at: now,
        note: request.note ?? '',
        decision,
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
    if (resolution) await this.storage.putResolution({ ...resolution, by: actor.userId, at: now });
    // What cannot stand beside the amendment adopted falls, on the record, with the reason.
    const fallen = adopting
      ? fallingWith(
          context.base.version.document,
          adopting,
          records.filter((r) => r.id !== record.id && isPendingStatus(r.status)),
        )
      : [];
    for (const { record: falling, reason } of fallen) {
      await this.storage.updateAmendment(falling.id, {
        status: 'fallen',
        transitions: [
          ...falling.transitions,
          {
            from: falling.status,
            to: 'fallen',
            by: actor.userId,
            at: now,
            note: `Falls with the adoption of ${adopting!.label}: ${reason}`,
            decision: null,
          },
        ],
        updatedAt: now,
      });
    }
    const updated = (await this.storage.getAmendment(record.id))!;
    this.logger.info(
      {
        draftId,
        cycleId,
        amendmentId,
        from: record.status,
        to: request.to,
        ...(fallen.length > 0 ? { fallen: fallen.map((f) => f.record.id) } : {}),
      },
      'amendment status changed',
    );
    const presented = await this.publish.amendment(context, updated);
    for (const { record: falling } of fallen)
      await this.publish.amendment(context, (await this.storage.getAmendment(falling.id))!);
    if (request.to === 'submitted' || isFinalStatus(request.to)) await this.publish.cycle(context.cycle);
    return presented;
  }

  /**
   * The chair's resolution that adopting needs at once, or null when it needs none. Adopting an
   * amendment that cannot stand beside one already adopted to the clause (the chair reinstated it,
   * or revised it orally into the other's words), or adopting one to a clause the chair has already
   * settled by a resolution (which stands in place of the clause and would leave it out), is
   * refused with 409 `resolution_required` unless the request brings the clause's final wording.
   */
  private async resolutionWith(
    context: ReviewContext,
    record: AmendmentRecord,
    records: readonly AmendmentRecord[],
    adopting: AdoptedChange | null,
    request: StatusRequest,
  ): Promise<Omit<ResolutionRecord, 'by' | 'at'> | null> {
    if (!adopting) {
      if (request.resolution)
        throw new ApiError(400, 'resolution_not_expected', 'A resolution comes only with an adoption that needs one.');
      return null;
    }
    const alongside = records.filter(
      (r) => r.id !== record.id && r.clauseId === record.clauseId && isAdopted(r.status),
    );
    const conflicts =
      alongside.length > 0 ? conflictsAmong(context.base.version.document, [...alongside.map(asChange), adopting]) : [];
    const standing = (await this.storage.listResolutions(context.cycle.id)).find(
      (resolution) => resolution.clauseId === record.clauseId,
    );
    if (conflicts.length === 0 && !standing) {
      if (request.resolution)
        throw new ApiError(
          400,
          'resolution_not_expected',
          `${adopting.label} fits with every decision taken on the clause; it needs no resolution.`,
        );
      return null;
    }
    if (!request.resolution) {
      const number = context.base.outline.clauses.find((clause) => clause.id === record.clauseId)?.number ?? '';
      const live = clauseNodesById(await this.records.liveDocument(context.cycle.draftId)).get(record.clauseId) ?? null;
      throw new ApiError(
        409,
        'resolution_required',
        conflicts.length > 0
          ? `${conflicts.map((conflict) => conflict.message).join(' ')} Adopting ${adopting.label} needs the final wording of ${number} at once.`
          : `${number} has your resolution, which stands in place of the clause: adopting ${adopting.label} needs its wording restated to include it.`,
        {
          conflicts: conflicts.map((conflict) => ({ ...conflict, liveClause: live })),
          resolution: standing ? { clauses: standing.clauses, note: standing.note } : null,
        },
      );
    }
    request.resolution.clauses.forEach((clause, k) => {
      if (!isValidClause(clause))
        throw new ApiError(400, 'invalid_clause', `Clause ${k + 1} of the resolution is not a well-formed clause.`);
    });
    return {
      cycleId: context.cycle.id,
      clauseId: record.clauseId,
      clauses: request.resolution.clauses,
      note: request.resolution.note ?? '',
    };
  }

  /**
   * What adopting the amendment would make fall (with each reason), asked before the chair
   * confirms; `revised` is the wording as orally revised, when adopting so.
   */
  async adoptionPreview(
    draftId: string,
    cycleId: string,
    amendmentId: string,
    actor: ReviewActor,
    revised: DocumentNodeJSON | undefined,
  ): Promise<AdoptionPreview> {
    enforce(roleMay(actor.role, 'amendment:decide'));
    const context = await this.records.context(draftId, cycleId);
    const record = await this.records.amendment(context.cycle, amendmentId, actor);
    if (revised !== undefined && !isValidClause(revised))
      throw new ApiError(400, 'invalid_clause', 'The revised text is not a well-formed clause.');
    if (record.number === null) return { falls: [] };
    const adopting = asChange(
      revised !== undefined ? { ...record, status: 'adopted-as-revised', revised } : { ...record, status: 'adopted' },
    );
    const others = (await this.storage.listAmendments(cycleId)).filter(
      (r) => r.id !== record.id && isPendingStatus(r.status),
    );
    return {
      falls: fallingWith(context.base.version.document, adopting, others).map(({ record: falling, reason }) => ({
        amendment: amendmentLabel(falling.number),
        reason,
      })),
    };
  }

  /**
   * The decision as recorded. Adopting by consensus while delegations object asks the chair to
   * confirm (`overrideObjections`), and then records whose objection was overridden; otherwise 409
   * `objections_stand`, naming them.
   */
  private async overriding(cycleId: string, record: { id: string }, request: StatusRequest): Promise<DecisionMethod> {
    const decision = request.decision!;
    if (decision.method !== 'consensus' || !ADOPTIONS.includes(request.to)) return decision;
    const objecting = (await this.storage.listStatements(cycleId)).filter(
      (statement) => statement.amendmentId === record.id && statement.stance === 'objection',
    );
    if (objecting.length === 0) return { method: 'consensus' };
    const overridden = await Promise.all(
      objecting.map(async (statement): Promise<AffiliationRef> => {
        const found = await this.storage.getAffiliation(statement.affiliationId);
        return found
          ? { id: found.id, kind: found.kind, name: found.name, code: found.code }
          : { id: statement.affiliationId, kind: 'delegation', name: 'Unknown', code: null };
      }),
    );
    if (!request.overrideObjections) {
      const names = overridden.map((entry) => entry.name).join(', ');
      throw new ApiError(
        409,
        'objections_stand',
        `${names} ${overridden.length === 1 ? 'objects' : 'object'} to this amendment. Recording consensus overrides the objection; confirm to record it so.`,
        { objections: overridden },
      );
    }
    return { method: 'consensus', overridden };
  }
}

/** The decisions that adopt an amendment. */
const ADOPTIONS: readonly AmendmentStatus[] = ['adopted', 'adopted-as-revised'];

/** The clause as orally revised, when adopting so (its points with ids of their own); refuses revised text anywhere else. */
function revisedText(
  record: Pick<NewAmendment, 'kind' | 'clauseId'>,
  request: StatusRequest,
  context: ReviewContext,
): DocumentNodeJSON | null {
  const { kind } = record;
  if (request.to !== 'adopted-as-revised') {
    if (request.revised)
      throw new ApiError(
        400,
        'revised_text_not_expected',
        'Revised text is recorded only when an amendment is adopted as orally revised.',
      );
    return null;
  }
  if (kind === 'delete')
    throw new ApiError(
      400,
      'nothing_to_revise',
      'An amendment deleting a clause has no wording to revise orally; adopt or reject it.',
    );
  if (!request.revised)
    throw new ApiError(400, 'revised_text_required', 'An amendment adopted as orally revised needs the revised text.');
  if (!isValidClause(request.revised))
    throw new ApiError(400, 'invalid_clause', 'The revised text is not a well-formed clause.');
  return withOwnPointIds(context, { ...record, proposed: request.revised });
}

/**
 * A proposal names a clause of the base text (in the preamble, the operative part or an annex)
 * and, unless it deletes it, proposes one well-formed, changed clause: paragraphs and points
 * nested up to three levels, with footnotes (how deep points go is checked with the limits of a
 * clause, before the body reaches here). Returns the wording to store: its points with ids of
 * their own (see `withPointIds`), or null for a deletion.
 */
function checkProposal(context: ReviewContext, input: NewAmendment): DocumentNodeJSON | null {
  const base = context.base.clauses.get(input.clauseId);
  if (!base) throw clauseNotInBase();
  if (input.kind === 'delete') {
    if (input.proposed !== null)
      throw new ApiError(
        400,
        'unexpected_wording',
        'An amendment deleting a clause proposes no wording; send "proposed": null.',
      );
    return null;
  }
  if (!input.proposed || !isValidClause(input.proposed))
    throw new ApiError(
      400,
      'invalid_clause',
      'The proposed wording must be one well-formed clause: a paragraph, then further paragraphs or points ' +
        '((a), with (i) within, with (A) within that), footnotes within the words.',
    );
  const text = plainText(input.proposed).trim();
  if (text.length === 0) throw new ApiError(400, 'empty_wording', 'The proposed wording is empty.');
  if (input.kind === 'modify' && clauseText(input.proposed) === clauseText(base))
    throw new ApiError(400, 'no_change', 'The proposed wording is the same as the base clause.');
  return withOwnPointIds(context, { ...input, proposed: input.proposed });
}

/** The proposed clause with ids for its points: those of the amended clause kept, any other new and unique in the text. */
function withOwnPointIds(
  context: ReviewContext,
  input: Pick<NewAmendment, 'kind' | 'clauseId'> & { proposed: DocumentNodeJSON },
): DocumentNodeJSON {
  const base = context.base.clauses.get(input.clauseId);
  const own = input.kind === 'modify' && base ? idsIn(base) : new Set<string>();
  return withPointIds(input.proposed, own, idsIn(context.base.version.document));
}
