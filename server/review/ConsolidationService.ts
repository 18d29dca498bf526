import { nextRevisionLabel } from '../../shared/versionLabels';
import type { ClauseStatus } from '../../shared/clauses';
import { isPendingStatus } from '../../shared/review/amendmentStatus';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type {
  AddedClause,
  Conflict,
  ConsolidationPlan,
  LiveChange,
  LiveChangeAuthor,
  LiveChangeDecision,
  LiveEdit,
  PersonRef,
  Resolution,
  ReviewCycle,
} from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import { decide, roleMay } from '../../shared/roles';
import { draftSchema } from '../../shared/schema';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { statusSetBy } from '../drafts/clauseStatus';
import { documentJSON } from '../drafts/documentOutline';
import { ApiError, draftNotFound, enforce } from '../errors';
import type { Logger } from '../logger';
import type { AmendmentRecord, ResolutionRecord, Storage } from '../storage/Storage';
import { replaceText } from '../versions/replaceText';
import type { VersionService } from '../versions/VersionService';
import { textSnapshot } from '../versions/VersionService';
import type { AdoptedChange, PlannedAddition } from './consolidation';
import { insertedAdditions, isValidClause, planConsolidation } from './consolidation';
import { asChange } from './decisionsFit';
import { consolidationRecord, isAdopted } from './consolidationRecord';
import { liveChangesSince, startingText } from './liveChanges';
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

/** Which live changes the chair keeps (the plan reads as if those, and only those, were kept). */
export type KeptLiveChanges = ReadonlySet<string>;

/**
 * The end of a cycle: the text its decisions give (the base version, with every adopted amendment
 * and the chair's resolutions applied, and only the live changes the chair keeps), every conflict
 * standing in the way, the chair's resolutions of those conflicts, and the consolidation itself,
 * which makes the live text that new text in one change, saves it as a new named version and
 * keeps a record of what it did: once consolidated, the cycle's plan is that record.
 */
export class ConsolidationService {
  private readonly schema = draftSchema();
  private readonly consolidating = new Set<string>();

  constructor(private readonly deps: ConsolidationDeps) {}

  async plan(draftId: string, cycleId: string, keep: KeptLiveChanges = new Set()): Promise<ConsolidationPlan> {
    const context = await this.deps.records.context(draftId, cycleId);
    return this.planFor(context, await this.deps.records.liveDocument(draftId), keep);
  }

  async putResolution(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    clauseId: string,
    input: { clauses: DocumentNodeJSON[]; note: string },
    keep: KeptLiveChanges = new Set(),
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
    return this.plan(draftId, cycleId, keep);
  }

  async deleteResolution(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    clauseId: string,
    keep: KeptLiveChanges = new Set(),
  ): Promise<ConsolidationPlan> {
    enforce(roleMay(actor.role, 'review:resolve-conflict'));
    const context = await this.deps.records.context(draftId, cycleId);
    if (context.cycle.consolidatedAt) throw alreadyConsolidated();
    if (!(await this.deps.storage.deleteResolution(cycleId, clauseId)))
      throw new ApiError(404, 'resolution_not_found', 'There is no resolution for that clause.');
    return this.plan(draftId, cycleId, keep);
  }

  /** Keeps the chair's keep-or-discard choice on a live change, so that it is there when the chair comes back. */
  async putLiveChangeDecision(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    changeId: string,
    decision: LiveChangeDecision,
    keep: KeptLiveChanges = new Set(),
  ): Promise<ConsolidationPlan> {
    enforce(roleMay(actor.role, 'review:consolidate'));
    const context = await this.deps.records.context(draftId, cycleId);
    if (context.cycle.consolidatedAt) throw alreadyConsolidated();
    await this.deps.storage.putLiveChangeDecision({
      cycleId,
      changeId,
      decision,
      by: actor.userId,
      at: new Date().toISOString(),
    });
    return this.plan(draftId, cycleId, keep);
  }

  /**
   * Makes the live text the base version with every adopted amendment (and resolution) applied and
   * the live changes the chair keeps carried, in one document change attributed to the chair, saves
   * exactly that text as a new named version and closes the cycle. Each clause an adopted amendment
   * adds takes the status the chair gives it in `addedClauses` (by the amendment's label), agreed
   * when not named, recorded on the clause in the chair's name. Refused, with nothing applied,
   * while decisions are pending, when `addedClauses` names an amendment that adds no clause, while
   * a live change has no keep-or-discard decision (one made after the chair looked counts too), or
   * while a conflict is unresolved.
   */
  async consolidate(
    draftId: string,
    cycleId: string,
    actor: ReviewActor,
    input: {
      label?: string;
      note?: string;
      liveChanges: Readonly<Record<string, LiveChangeDecision>>;
      addedClauses?: Readonly<Record<string, ClauseStatus>>;
    },
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
      const pending = records.filter((r) => isPendingStatus(r.status));
      if (pending.length > 0) {
        throw new ApiError(
          409,
          'decisions_pending',
          `Every amendment needs a decision before consolidation; ` +
            `${pending.map((r) => amendmentLabel(r.number)).join(', ')} ${pending.length === 1 ? 'has' : 'have'} none yet.`,
          { pending: pending.map((r) => amendmentLabel(r.number)) },
        );
      }
      const base = context.base.version.document;
      const decisions = new Map(Object.entries(input.liveChanges));
      const adopted = adoptedChanges(records);
      const resolutionRecords = await storage.listResolutions(cycleId);
      const resolutions = new Map(resolutionRecords.map((r) => [r.clauseId, r.clauses]));
      const addedStatuses = new Map(Object.entries(input.addedClauses ?? {}));
      checkAddedClauses(addedStatuses, adopted, resolutions, context.base.outline.clauses);
      const now = new Date().toISOString();
      const statusBy = await this.statusSetter(actor);
      // Who made each live change is read before the chair's own change is written.
      const presentLiveChanges = await this.liveChangePresenter(context);
      const done = await registry.withDocument(draftId, async (document) => {
        let outcome: Outcome | null = null;
        await document.transactAsServer((doc) => {
          // Read and write in one synchronous transaction: edits arriving meanwhile merge after it.
          const live = documentJSON(doc);
          const changes = liveChangesSince(base, live);
          const undecided = changes.filter((change) => !decisions.has(change.id));
          if (undecided.length > 0) {
            outcome = { kind: 'undecided', undecided };
            return;
          }
          const kept = changes.filter((change) => decisions.get(change.id) === 'keep');
          const planned = planConsolidation({
            base,
            start: startingText(base, live, kept),
            adopted,
            resolutions,
            addedStatuses,
            statusSetBy: { by: statusBy, at: now },
          });
          if (!planned.document) {
            outcome = { kind: 'conflicts', conflicts: planned.conflicts };
            return;
          }
          replaceText(doc, this.schema.nodeFromJSON(planned.document));
          // The version is exactly the text written here, whatever merges after it.
          outcome = {
            kind: 'done',
            changes,
            kept,
            preview: planned.preview,
            added: planned.added,
            snapshot: textSnapshot(doc),
          };
        }, actor.userId);
        return outcome!;
      });
      if (!done) throw draftNotFound();
      const outcome: Outcome = done;
      if (outcome.kind === 'undecided') {
        const numbers = outcome.undecided.map((change) => change.number);
        throw new ApiError(
          409,
          'live_changes_undecided',
          `Decide first whether to keep or discard every change made in the live text since the base version: ` +
            `${numbers.join(', ')} ${numbers.length === 1 ? 'has' : 'have'} no decision yet.`,
          { liveChanges: await presentLiveChanges(outcome.undecided) },
        );
      }
      if (outcome.kind === 'conflicts') {
        const { conflicts } = outcome;
        throw new ApiError(
          409,
          'unresolved_conflicts',
          `${conflicts.length === 1 ? 'A conflict needs' : `${conflicts.length} conflicts need`} resolving first: ` +
            `${conflicts.map((c) => c.message).join(' ')}`,
          { conflicts },
        );
      }
      const keptNumbers = outcome.kept.map((change) => change.number);
      const label = input.label ?? (await this.nextRevisionLabel(draftId, context.cycle.name));
      const version = await this.deps.versions.save(
        draftId,
        actor.userId,
        label,
        input.note ??
          `Consolidated text after the ${context.cycle.name}: ` +
            `${adopted.map((a) => a.label).join(', ') || 'no amendments adopted'}` +
            `${keptNumbers.length > 0 ? `; live changes kept in ${keptNumbers.join(', ')}` : ''}.`,
        outcome.snapshot,
      );
      await storage.putConsolidationRecord(
        cycleId,
        consolidationRecord({
          amendments: records,
          baseNumbers: new Map(context.base.outline.clauses.map((clause) => [clause.id, clause.number])),
          liveChanges: await presentLiveChanges(outcome.changes),
          decisions,
          resolutions: await this.presentResolutions(resolutionRecords),
          preview: outcome.preview,
          added: outcome.added,
          version: { id: version.id, label: version.label },
          by: await this.deps.presenter.person(actor.userId, new Map()),
          at: now,
        }),
      );
      await storage.updateReviewCycle(cycleId, {
        consolidatedVersionId: version.id,
        consolidatedBy: actor.userId,
        consolidatedAt: now,
        phase: 'closed',
        phaseChangedAt: context.cycle.phase === 'closed' ? context.cycle.phaseChangedAt : now,
      });
      logger.info(
        {
          draftId,
          cycleId,
          versionId: version.id,
          adopted: adopted.map((a) => a.label),
          kept: outcome.kept.map((change) => change.id),
          added: Object.fromEntries(outcome.added.map((clause) => [clause.amendment, clause.status])),
        },
        'review cycle consolidated',
      );
      const cycle = await this.deps.publish.cycle((await storage.getReviewCycle(cycleId))!);
      return { cycle, version: { id: version.id, label: version.label } };
    } finally {
      this.consolidating.delete(cycleId);
    }
  }

  private async planFor(
    context: ReviewContext,
    live: DocumentNodeJSON,
    keep: KeptLiveChanges,
  ): Promise<ConsolidationPlan> {
    const { storage } = this.deps;
    if (context.cycle.consolidatedAt) {
      const record = (await storage.getConsolidationRecord(context.cycle.id)) ?? null;
      return {
        adopted: [],
        added: [],
        liveChanges: [],
        decisions: {},
        conflicts: [],
        resolutions: [],
        pending: [],
        preview: [],
        record,
      };
    }
    const base = context.base.version.document;
    const records = await storage.listAmendments(context.cycle.id);
    const adopted = adoptedChanges(records);
    const resolutionRecords = await storage.listResolutions(context.cycle.id);
    const changes = liveChangesSince(base, live);
    const changeIds = new Set(changes.map((change) => change.id));
    const chosen = (await storage.listLiveChangeDecisions(context.cycle.id)).filter((d) => changeIds.has(d.changeId));
    const start = startingText(
      base,
      live,
      changes.filter((change) => keep.has(change.id)),
    );
    const outcome = planConsolidation({
      base,
      start,
      adopted,
      resolutions: new Map(resolutionRecords.map((r) => [r.clauseId, r.clauses])),
    });
    // Every conflict is listed, resolved or not, so the chair sees what each resolution settled.
    const conflicts =
      resolutionRecords.length === 0
        ? outcome.conflicts
        : planConsolidation({ base, start, adopted, resolutions: new Map() }).conflicts;
    return {
      adopted: adopted.map((a) => a.label),
      added: outcome.added.map(asAddedClause),
      liveChanges: changes.length === 0 ? [] : await (await this.liveChangePresenter(context))(changes),
      decisions: Object.fromEntries(chosen.map((d) => [d.changeId, d.decision])),
      pending: records.filter((r) => isPendingStatus(r.status)).map((r) => amendmentLabel(r.number)),
      conflicts: [
        ...conflicts,
        ...outcome.conflicts.filter(
          (c) => !conflicts.some((listed) => listed.clauseId === c.clauseId && listed.reason === c.reason),
        ),
      ],
      resolutions: await this.presentResolutions(resolutionRecords),
      preview: outcome.preview,
      record: null,
    };
  }

  /** The chair as an agreed clause names who agreed it: "Amina Diallo (Conference Secretariat)". */
  private async statusSetter(actor: ReviewActor): Promise<string> {
    const user = await this.deps.storage.getUser(actor.userId);
    const affiliation = await this.deps.storage.getAffiliation(actor.affiliationId);
    return statusSetBy(user?.name ?? 'The chair', affiliation?.name ?? '');
  }

  private async presentResolutions(records: readonly ResolutionRecord[]): Promise<Resolution[]> {
    const people = new Map<string, PersonRef>();
    return Promise.all(
      records.map(async (r) => ({
        clauseId: r.clauseId,
        clauses: r.clauses,
        note: r.note,
        by: await this.deps.presenter.person(r.by, people),
        at: r.at,
      })),
    );
  }

  /**
   * Presents live changes with who changed each clause since the base version (from the draft's
   * history as it stands now), earliest first.
   */
  private async liveChangePresenter(
    context: ReviewContext,
  ): Promise<(changes: readonly LiveEdit[]) => Promise<LiveChange[]>> {
    const { storage } = this.deps;
    const history = await storage.listClauseChanges(context.cycle.draftId, { since: context.base.version.createdAt });
    const authorsOf = new Map<string, string[]>();
    for (const entry of history.toReversed()) {
      if (entry.authorId === null) continue;
      for (const clauseId of entry.clauseIds) {
        const authors = authorsOf.get(clauseId) ?? [];
        if (!authors.includes(entry.authorId)) authorsOf.set(clauseId, [...authors, entry.authorId]);
      }
    }
    const affiliations = new Map((await storage.listAffiliations()).map((a) => [a.id, a.name]));
    const people = new Map<string, LiveChangeAuthor>();
    const author = async (id: string): Promise<LiveChangeAuthor> => {
      let person = people.get(id);
      if (!person) {
        const user = await storage.getUser(id);
        person = {
          id,
          name: user?.name ?? 'Former member',
          affiliation: (user && affiliations.get(user.affiliationId)) ?? '',
        };
        people.set(id, person);
      }
      return person;
    };
    return (changes) =>
      Promise.all(
        changes.map(async (change) => ({
          ...change,
          authors: change.part === 'clause' ? await Promise.all((authorsOf.get(change.id) ?? []).map(author)) : [],
        })),
      );
  }

  private async nextRevisionLabel(draftId: string, cycleName: string): Promise<string> {
    const labels = (await this.deps.storage.listVersions(draftId)).map((version) => version.label);
    const name = cycleName.replace(/^the\s+/i, '');
    // A review's base is a saved version, so there is always one and the next is a revision.
    return `${nextRevisionLabel(labels)} after the ${name}`;
  }
}

/** An added clause as the plan shows it, before the chair gives it a status. */
function asAddedClause({ amendment, afterClauseId, afterNumber, number, text }: PlannedAddition): AddedClause {
  return { amendment, afterClauseId, afterNumber, number, text };
}

/**
 * Refuses, with a 400 that says which amendments may be named, a status given for an amendment
 * whose clause consolidation does not insert: one that is not an adopted addition, or an addition
 * after a clause the chair has resolved (the resolution stands in its place).
 */
function checkAddedClauses(
  statuses: ReadonlyMap<string, ClauseStatus>,
  adopted: readonly AdoptedChange[],
  resolutions: ReadonlyMap<string, unknown>,
  baseClauses: readonly { id: string; number: string }[],
): void {
  const inserted = insertedAdditions(adopted, resolutions).map((change) => change.label);
  const strays = [...statuses.keys()].filter((label) => !inserted.includes(label));
  if (strays.length === 0) return;
  const named = strays.map((label) => {
    const resolved = adopted.find((change) => change.kind === 'add' && change.label === label);
    if (!resolved) return label;
    const number = baseClauses.find((clause) => clause.id === resolved.clauseId)?.number ?? resolved.clauseId;
    return `${label} (your resolution of ${number} stands in place of what it adds)`;
  });
  throw new ApiError(
    400,
    'not_an_added_clause',
    `${named.join(', ')} ${strays.length === 1 ? 'adds' : 'add'} no clause to the consolidated text; a status is ` +
      `given only to a clause an adopted amendment adds (${inserted.length > 0 ? inserted.join(', ') : 'none in this review'}).`,
    { added: inserted, strays },
  );
}

function adoptedChanges(records: AmendmentRecord[]): AdoptedChange[] {
  return records
    .filter((r) => isAdopted(r.status))
    .sort((a, b) => a.number! - b.number!)
    .map(asChange);
}

/** What consolidating found inside its transaction: undecided live changes, conflicts, or the text written. */
type Outcome =
  | { kind: 'undecided'; undecided: LiveEdit[] }
  | { kind: 'conflicts'; conflicts: Conflict[] }
  | {
      kind: 'done';
      changes: LiveEdit[];
      kept: LiveEdit[];
      preview: ConsolidationPlan['preview'];
      added: PlannedAddition[];
      snapshot: { state: Uint8Array; document: DocumentNodeJSON };
    };

function alreadyConsolidated(): ApiError {
  return new ApiError(409, 'already_consolidated', 'This review cycle has already been consolidated.');
}
