import { newClauseId } from '../../shared/clauseId';
import type { ClauseStatus } from '../../shared/clauses';
import { isAgreedStatus } from '../../shared/clauses';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { clauseText, readOutline } from '../../shared/outline';
import type { PillarKey } from '../../shared/pillars';
import type { AddedClause, AmendmentKind, Conflict, ConsolidationPlan } from '../../shared/review/types';
import { DEFAULT_ADDED_CLAUSE_STATUS } from '../../shared/review/types';
import { draftSchema } from '../../shared/schema';
import { clausesById, containerKey, isContainer } from './documentClauses';
import { compareTexts } from '../versions/redline';
import { mergeClause } from './mergeClause';
import { idsIn, withPointIds } from './pointIds';

/** An adopted amendment as consolidation needs it: what it does, and the wording finally adopted. */
export interface AdoptedChange {
  label: string;
  number: number;
  kind: AmendmentKind;
  clauseId: string;
  /** The clause as adopted (the revised text for adopted-as-revised); null for a deletion. */
  clause: DocumentNodeJSON | null;
  pillars: PillarKey[];
}

export interface ConsolidationInput {
  /** The base version's document. */
  base: DocumentNodeJSON;
  /**
   * The text the amendments are applied to: the base version with the live changes the chair
   * keeps (see `startingText`); the base version itself when none is kept.
   */
  start: DocumentNodeJSON;
  adopted: AdoptedChange[];
  /** The chair's resolutions: the clauses that stand in place of a clause. */
  resolutions: ReadonlyMap<string, DocumentNodeJSON[]>;
  /**
   * The status each clause an adopted amendment adds takes, by the amendment's label: the chair's
   * choice when consolidating; {@link DEFAULT_ADDED_CLAUSE_STATUS} for one not named.
   */
  addedStatuses?: ReadonlyMap<string, ClauseStatus>;
  /**
   * Who gives an added clause an agreed status, and when, as the clause records it (`statusBy`,
   * `statusAt`, as for any clause the chair agrees): the chair consolidating. Without it (a plan
   * read before consolidating) nothing is recorded.
   */
  statusSetBy?: { by: string; at: string };
  newClauseId?: () => string;
}

/** A clause an adopted amendment adds, as the plan places it: the status it takes and, once the text is worked out, its id. */
export interface PlannedAddition extends AddedClause {
  /** Its id in the new text; null while conflicts keep the text from being worked out. */
  id: string | null;
  status: ClauseStatus;
}

export interface ConsolidationResult {
  conflicts: Conflict[];
  /** The whole new document, or null when there are conflicts (nothing is applied half). */
  document: DocumentNodeJSON | null;
  preview: ConsolidationPlan['preview'];
  /** The clauses adopted amendments add (those no resolution stands in place of), by amendment number. */
  added: PlannedAddition[];
}

/**
 * The adopted amendments whose clause consolidation inserts as they add it: every addition but
 * those after a clause the chair has resolved, whose resolution stands in place of the clause and
 * of what is added after it.
 */
export function insertedAdditions(
  adopted: readonly AdoptedChange[],
  resolutions: ReadonlyMap<string, unknown>,
): AdoptedChange[] {
  return adopted
    .filter((change) => change.kind === 'add' && !resolutions.has(change.clauseId))
    .toSorted((a, b) => a.number - b.number);
}

/**
 * Works out the text a review cycle's decisions give: every adopted amendment applied to the
 * starting text (the base version, with the live changes the chair keeps), or why it cannot be
 * done yet.
 *
 * Each amendment changes one clause of the base version, wherever it stands (preamble, operative
 * part, under a division, in an annex). Its changes are merged with the other adopted amendments
 * to the clause and with the kept live change to it, point by point, aligned by id at every level
 * (see `mergeClause`): changes to different points, or to different words of one point, all
 * apply. Two changes to the same words, a point deleted that another changes, different points
 * put at one place, a change to what a kept live change changed or removed, a deletion of a
 * clause another amendment changes or adds after, or a change to a clause whose live removal is
 * kept are conflicts, each named by its point when it has one: no adopted amendment is ever left
 * out quietly. A conflict is settled by the chair's resolution for that clause, which then stands
 * in place of the clause as written. The divisions, annexes, formula and footnotes of the
 * starting text stay. The preview says what changes against the base version. A clause an
 * amendment adds takes the status the chair gives it (`addedStatuses`), agreed unless the chair
 * chooses otherwise, recorded in the chair's name like any clause the chair agrees.
 */
export function planConsolidation(input: ConsolidationInput): ConsolidationResult {
  const makeId = input.newClauseId ?? newClauseId;
  const baseClauses = clausesById(input.base);
  const startClauses = clausesById(input.start);
  const takenIds = idsIn(input.start);
  const baseNumbers = new Map(readOutline(input.base).clauses.map((clause) => [clause.id, clause.number]));
  const startNumbers = new Map(readOutline(input.start).clauses.map((clause) => [clause.id, clause.number]));
  const statusOf = (label: string) => input.addedStatuses?.get(label) ?? DEFAULT_ADDED_CLAUSE_STATUS;
  /** The id each added clause is given, by the label of the amendment adding it. */
  const addedIds = new Map<string, string>();
  const conflicts: Conflict[] = [];
  const conflict = (clauseId: string, reason: Conflict['reason'], changes: AdoptedChange[], message: string) =>
    conflicts.push({
      clauseId,
      clauseNumber: baseNumbers.get(clauseId) ?? startNumbers.get(clauseId) ?? '?',
      reason,
      amendments: changes.map((c) => c.label),
      message,
      covers: (groups.get(clauseId) ?? []).map((c) => c.label),
      startingClause: startClauses.get(clauseId)?.node ?? null,
    });

  const groups = new Map<string, AdoptedChange[]>();
  for (const change of [...input.adopted].sort((a, b) => a.number - b.number))
    groups.set(change.clauseId, [...(groups.get(change.clauseId) ?? []), change]);
  for (const clauseId of input.resolutions.keys()) if (!groups.has(clauseId)) groups.set(clauseId, []);

  /** For each clause touched: the clauses that stand in its place, and the amendments behind them. */
  const replacements = new Map<string, { clauses: DocumentNodeJSON[]; labels: string[] }>();
  for (const [clauseId, changes] of groups) {
    const labels = changes.map((c) => c.label);
    const number = baseNumbers.get(clauseId) ?? startNumbers.get(clauseId) ?? clauseId;
    const resolution = input.resolutions.get(clauseId);
    if (resolution) {
      replacements.set(clauseId, {
        clauses: resolution.map((clause, k) =>
          withIds(clause, k === 0 && clause.attrs?.id === clauseId ? clauseId : makeId()),
        ),
        labels,
      });
      continue;
    }
    const base = baseClauses.get(clauseId);
    const starting = startClauses.get(clauseId);
    if (!base) {
      conflict(
        clauseId,
        'clause-removed-live',
        changes,
        `${labels.join(', ')} concern a clause that is not in the base version.`,
      );
      continue;
    }
    const deletions = changes.filter((c) => c.kind === 'delete');
    const modifications = changes.filter((c) => c.kind === 'modify');
    const additions = changes.filter((c) => c.kind === 'add');
    if (deletions.length > 0 && modifications.length + additions.length > 0) {
      const others = [...modifications, ...additions];
      conflict(
        clauseId,
        'clause-deleted',
        changes,
        `${deletions.map((c) => c.label).join(', ')} delete${deletions.length === 1 ? 's' : ''} ${number}, ` +
          `which ${others.map((c) => c.label).join(', ')} also change${others.length === 1 ? 's' : ''} ` +
          `or add${others.length === 1 ? 's' : ''} after.`,
      );
      continue;
    }
    if (!starting) {
      if (deletions.length === changes.length) {
        replacements.set(clauseId, { clauses: [], labels });
        continue;
      }
      conflict(
        clauseId,
        'clause-removed-live',
        changes,
        `${number} has been removed from the live text since the base version; ${labels.join(', ')} cannot be applied to it.`,
      );
      continue;
    }
    if (deletions.length > 0) {
      replacements.set(clauseId, { clauses: [], labels });
      continue;
    }

    let clause = starting.node;
    if (modifications.length > 0) {
      const merged = mergeClause({
        base: base.node,
        live: starting.node,
        number,
        changes: modifications.map((change) => ({ label: change.label, clause: change.clause! })),
        newId: makeId,
      });
      if (!merged.clause) {
        for (const found of merged.conflicts)
          conflicts.push({
            clauseId,
            clauseNumber: number,
            ...(found.point ? { point: found.point } : {}),
            reason: found.reason,
            amendments: found.amendments,
            message: found.message,
            covers: labels,
            startingClause: starting.node,
          });
        continue;
      }
      clause = merged.clause;
      if (!isValidClause(clause)) {
        conflict(
          clauseId,
          'invalid-result',
          modifications,
          `Applying ${modifications.map((c) => c.label).join(', ')} to ${number} does not give a well-formed clause.`,
        );
        continue;
      }
    }
    const added = additions.map((change) => {
      const status = statusOf(change.label);
      const stamped = input.statusSetBy !== undefined && isAgreedStatus(status);
      const attrs = {
        ...change.clause!.attrs,
        pillars: change.pillars,
        status,
        statusBy: stamped ? input.statusSetBy!.by : null,
        statusAt: stamped ? input.statusSetBy!.at : null,
      };
      const newClause = withPointIds(withIds({ ...change.clause!, attrs }, makeId()), new Set(), takenIds, makeId);
      for (const id of idsIn(newClause)) takenIds.add(id);
      addedIds.set(change.label, newClause.attrs!.id as string);
      return newClause;
    });
    replacements.set(clauseId, { clauses: [clause, ...added], labels });
  }

  /** The clauses added, numbered as they stand in the new text (`numbers`, by id; empty when there is none). */
  const additions = (numbers: ReadonlyMap<string, string>): PlannedAddition[] =>
    insertedAdditions(input.adopted, input.resolutions).map((change) => {
      const id = addedIds.get(change.label);
      const number = (id !== undefined && numbers.get(id)) || null;
      return {
        amendment: change.label,
        afterClauseId: change.clauseId,
        afterNumber: baseNumbers.get(change.clauseId) ?? startNumbers.get(change.clauseId) ?? '',
        number,
        text: change.clause ? clauseText(change.clause) : '',
        id: number === null ? null : id!,
        status: statusOf(change.label),
      };
    });

  if (conflicts.length > 0) return { conflicts, document: null, preview: [], added: additions(new Map()) };

  // Clauses not in the starting text whose resolution brings clauses back go after their nearest predecessor there.
  const orphans = new Map<string, string[]>();
  for (const clauseId of replacements.keys()) {
    if (startClauses.has(clauseId)) continue;
    const baseOrder = [...baseClauses.keys()];
    const predecessor =
      baseOrder
        .slice(0, baseOrder.indexOf(clauseId))
        .reverse()
        .find((id) => startClauses.has(id)) ?? `^${baseClauses.get(clauseId)?.container ?? 'operative'}`;
    orphans.set(predecessor, [...(orphans.get(predecessor) ?? []), clauseId]);
  }

  /** The amendments behind each clause changed, added or removed by a replacement. */
  const labelsOf = new Map<string, string[]>();
  const document: DocumentNodeJSON = {
    ...input.start,
    content: (input.start.content ?? []).map((section, index) => {
      if (!isContainer(section)) return section;
      const content: DocumentNodeJSON[] = [];
      const place = (clauseId: string, original: DocumentNodeJSON | undefined) => {
        const replacement = replacements.get(clauseId);
        if (!replacement) {
          if (original) content.push(original);
          return;
        }
        labelsOf.set(clauseId, replacement.labels);
        for (const clause of replacement.clauses) {
          labelsOf.set(clause.attrs!.id as string, replacement.labels);
          content.push(clause);
        }
      };
      for (const orphan of orphans.get(`^${containerKey(section, index)}`) ?? []) place(orphan, undefined);
      for (const node of section.content ?? []) {
        // Division headings and an annex's title stay as they are; clauses take their replacements.
        if (node.type !== 'clause') {
          content.push(node);
          continue;
        }
        const id = node.attrs?.id as string;
        place(id, node);
        for (const orphan of orphans.get(id) ?? []) place(orphan, undefined);
      }
      return { ...section, content };
    }),
  };
  if (!isValidDocument(document)) {
    const labels = [...replacements.values()].flatMap((r) => r.labels);
    return {
      conflicts: [
        {
          clauseId: '',
          clauseNumber: '',
          reason: 'invalid-result',
          amendments: labels,
          message: 'The consolidated text would leave the preamble, the operative part or an annex without clauses.',
          covers: labels,
          startingClause: null,
        },
      ],
      document: null,
      preview: [],
      added: additions(new Map()),
    };
  }
  const preview = previewAgainstBase(input.base, document, labelsOf);
  const numbers = new Map(
    preview.filter((clause) => clause.change !== 'removed').map((clause) => [clause.id, clause.number]),
  );
  return { conflicts, document, preview, added: additions(numbers) };
}

/** Every clause of the result (and each one removed, where it stood) with what changed since the base version, and by which amendments. */
function previewAgainstBase(
  base: DocumentNodeJSON,
  result: DocumentNodeJSON,
  labelsOf: ReadonlyMap<string, string[]>,
): ConsolidationPlan['preview'] {
  const before = readOutline(base);
  const after = readOutline(result);
  const texts = new Map([...before.clauses, ...after.clauses].map((clause) => [clause.id, clause.text]));
  const afterTexts = new Map(after.clauses.map((clause) => [clause.id, clause.text]));
  return compareTexts({ document: base, outline: before }, { document: result, outline: after }).clauses.map(
    (clause) => ({
      id: clause.id,
      number: clause.toNumber ?? clause.fromNumber ?? '',
      text: afterTexts.get(clause.id) ?? texts.get(clause.id) ?? '',
      change: clause.change,
      amendments: labelsOf.get(clause.id) ?? [],
    }),
  );
}

function withIds(clause: DocumentNodeJSON, id: string): DocumentNodeJSON {
  return { ...clause, type: 'clause', attrs: { pillars: [], status: 'open', ...clause.attrs, id } };
}

const schema = draftSchema();

/** Whether a node is a well-formed `clause` of the draft schema. */
export function isValidClause(clause: DocumentNodeJSON): boolean {
  try {
    const node = schema.nodeFromJSON(clause);
    node.check();
    return node.type.name === 'clause';
  } catch {
    return false;
  }
}

function isValidDocument(document: DocumentNodeJSON): boolean {
  try {
    schema.nodeFromJSON(document).check();
    return true;
  } catch {
    return false;
  }
}
