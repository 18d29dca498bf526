import { newClauseId } from '../../shared/clauseId';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import type { PillarKey } from '../../shared/pillars';
import type { AmendmentKind, Conflict, ConsolidationPlan } from '../../shared/review/types';
import { draftSchema } from '../../shared/schema';
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
  /** The live document now. */
  live: DocumentNodeJSON;
  adopted: AdoptedChange[];
  /** The chair's resolutions: the clauses that stand in place of a clause. */
  resolutions: ReadonlyMap<string, DocumentNodeJSON[]>;
  newClauseId?: () => string;
}

export interface ConsolidationResult {
  conflicts: Conflict[];
  /** The whole new document, or null when there are conflicts (nothing is applied half). */
  document: DocumentNodeJSON | null;
  preview: ConsolidationPlan['preview'];
}

/** The parts of a document that hold clauses: the preamble, the operative part and each annex. */
function isContainer(node: DocumentNodeJSON): boolean {
  return node.type === 'preamble' || node.type === 'operative' || node.type === 'annex';
}

/** Which container a clause stands in ("preamble", "operative", "annex:<id>" or "annex#<n>" for one without an id). */
function containerKey(container: DocumentNodeJSON, index: number): string {
  if (container.type !== 'annex') return container.type;
  const id = container.attrs?.id;
  return typeof id === 'string' && id ? `annex:${id}` : `annex#${index}`;
}

interface Located {
  node: DocumentNodeJSON;
  container: string;
}

/** Every clause of a document by id, with the container it stands in; divisions are not clauses. */
function clausesById(doc: DocumentNodeJSON): Map<string, Located> {
  const map = new Map<string, Located>();
  (doc.content ?? []).forEach((container, index) => {
    if (!isContainer(container)) return;
    for (const node of container.content ?? []) {
      const id = node.attrs?.id;
      if (node.type === 'clause' && typeof id === 'string')
        map.set(id, { node, container: containerKey(container, index) });
    }
  });
  return map;
}

/**
 * Works out what applying every adopted amendment of a review cycle does to the live text, or
 * why it cannot be done yet.
 *
 * Each amendment changes one clause of the base version, wherever it stands (preamble, operative
 * part, under a division, in an annex). Its changes are merged with the other adopted amendments
 * to the clause and with the changes made live since the base version, point by point, aligned by
 * id at every level (see `mergeClause`): changes to different points, or to different words of
 * one point, all apply. Two changes to the same words, a point deleted that another changes,
 * different points put at one place, a change to what the live text changed or removed since the
 * base, a deletion of a clause another amendment changes or adds after, or a change to a clause
 * since removed from the live text are conflicts, each named by its point when it has one. A
 * conflict is settled by the chair's resolution for that clause, which then stands in place of
 * the clause as written. The divisions, annexes, formula and footnotes of the live text stay.
 */
export function planConsolidation(input: ConsolidationInput): ConsolidationResult {
  const makeId = input.newClauseId ?? newClauseId;
  const baseClauses = clausesById(input.base);
  const liveClauses = clausesById(input.live);
  const takenIds = idsIn(input.live);
  const baseNumbers = new Map(readOutline(input.base).clauses.map((clause) => [clause.id, clause.number]));
  const liveOutline = readOutline(input.live).clauses;
  const liveNumbers = new Map(liveOutline.map((clause) => [clause.id, clause.number]));
  const liveText = new Map(liveOutline.map((clause) => [clause.id, clause.text]));
  const conflicts: Conflict[] = [];
  const conflict = (clauseId: string, reason: Conflict['reason'], changes: AdoptedChange[], message: string) =>
    conflicts.push({
      clauseId,
      clauseNumber: baseNumbers.get(clauseId) ?? liveNumbers.get(clauseId) ?? '?',
      reason,
      amendments: changes.map((c) => c.label),
      message,
      covers: (groups.get(clauseId) ?? []).map((c) => c.label),
      liveClause: liveClauses.get(clauseId)?.node ?? null,
    });

  const groups = new Map<string, AdoptedChange[]>();
  for (const change of [...input.adopted].sort((a, b) => a.number - b.number))
    groups.set(change.clauseId, [...(groups.get(change.clauseId) ?? []), change]);
  for (const clauseId of input.resolutions.keys()) if (!groups.has(clauseId)) groups.set(clauseId, []);

  /** For each clause touched: the clauses that stand in its place, and the amendments behind them. */
  const replacements = new Map<string, { clauses: DocumentNodeJSON[]; labels: string[] }>();
  for (const [clauseId, changes] of groups) {
    const labels = changes.map((c) => c.label);
    const number = baseNumbers.get(clauseId) ?? liveNumbers.get(clauseId) ?? clauseId;
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
    const live = liveClauses.get(clauseId);
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
    if (!live) {
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

    let clause = live.node;
    if (modifications.length > 0) {
      const merged = mergeClause({
        base: base.node,
        live: live.node,
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
            liveClause: live.node,
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
      const newClause = withPointIds(
        withIds(
          { ...change.clause!, attrs: { ...change.clause!.attrs, pillars: change.pillars, status: 'open' } },
          makeId(),
        ),
        new Set(),
        takenIds,
        makeId,
      );
      for (const id of idsIn(newClause)) takenIds.add(id);
      return newClause;
    });
    replacements.set(clauseId, { clauses: [clause, ...added], labels });
  }

  const preview: ConsolidationPlan['preview'] = [];
  if (conflicts.length > 0) return { conflicts, document: null, preview };

  // Clauses removed from the live text whose resolution brings clauses back go after their nearest surviving predecessor.
  const orphans = new Map<string, string[]>();
  for (const clauseId of replacements.keys()) {
    if (liveClauses.has(clauseId)) continue;
    const baseOrder = [...baseClauses.keys()];
    const predecessor =
      baseOrder
        .slice(0, baseOrder.indexOf(clauseId))
        .reverse()
        .find((id) => liveClauses.has(id)) ?? `^${baseClauses.get(clauseId)?.container ?? 'operative'}`;
    orphans.set(predecessor, [...(orphans.get(predecessor) ?? []), clauseId]);
  }

  const changeOf = new Map<string, { change: 'modified' | 'added'; labels: string[] }>();
  const removed: { id: string; text: string; after: string | null; labels: string[] }[] = [];
  const document: DocumentNodeJSON = {
    ...input.live,
    content: (input.live.content ?? []).map((section, index) => {
      if (!isContainer(section)) return section;
      const content: DocumentNodeJSON[] = [];
      const place = (clauseId: string, original: DocumentNodeJSON | undefined) => {
        const replacement = replacements.get(clauseId);
        if (!replacement) {
          if (original) content.push(original);
          return;
        }
        if (replacement.clauses.length === 0 && original)
          removed.push({
            id: clauseId,
            text: liveText.get(clauseId) ?? '',
            after: lastId(content),
            labels: replacement.labels,
          });
        for (const clause of replacement.clauses) {
          const id = clause.attrs!.id as string;
          changeOf.set(id, {
            change:
              id === clauseId || (original === undefined && clause === replacement.clauses[0]) ? 'modified' : 'added',
            labels: replacement.labels,
          });
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
  const result = readOutline(document);
  const removedAfter = new Map<string | null, typeof removed>();
  for (const entry of removed) removedAfter.set(entry.after, [...(removedAfter.get(entry.after) ?? []), entry]);
  const pushRemoved = (after: string | null) => {
    for (const entry of removedAfter.get(after) ?? [])
      preview.push({
        id: entry.id,
        number: liveNumbers.get(entry.id) ?? '',
        text: entry.text,
        change: 'removed',
        amendments: entry.labels,
      });
  };
  pushRemoved(null);
  for (const clause of result.clauses) {
    const change = changeOf.get(clause.id);
    const kind =
      change?.change === 'modified' && liveText.get(clause.id) === clause.text
        ? 'unchanged'
        : (change?.change ?? 'unchanged');
    preview.push({
      id: clause.id,
      number: clause.number,
      text: clause.text,
      change: kind,
      amendments: change?.labels ?? [],
    });
    pushRemoved(clause.id);
  }
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
          liveClause: null,
        },
      ],
      document: null,
      preview: [],
    };
  }
  return { conflicts, document, preview };
}

function withIds(clause: DocumentNodeJSON, id: string): DocumentNodeJSON {
  return { ...clause, type: 'clause', attrs: { pillars: [], status: 'open', ...clause.attrs, id } };
}

/** The id of the last clause placed so far (a division heading is not one). */
function lastId(content: DocumentNodeJSON[]): string | null {
  for (let i = content.length - 1; i >= 0; i--)
    if (content[i]!.type === 'clause') return (content[i]!.attrs?.id as string | undefined) ?? null;
  return null;
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
