import type { Outline, OutlineClause } from '../../shared/outline';
import type { ClauseRedline, Redline, WordChange } from '../../shared/redline';
import { wordChanges } from '../../shared/redline';

export type { ClauseRedline, Redline, WordChange };

/** Ids of the longest run of clauses that kept their relative order (the rest moved). */
function stayedInOrder(from: string[], to: string[]): Set<string> {
  const n = from.length;
  const m = to.length;
  const lengths: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] =
        from[i] === to[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (from[i] === to[j]) {
      kept.add(from[i]!);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

function compareClause(
  before: OutlineClause | undefined,
  after: OutlineClause | undefined,
  moved: boolean,
): ClauseRedline {
  const clause = (after ?? before)!;
  const words: WordChange[] =
    before && after ? wordChanges(before.text, after.text) : [{ op: after ? 'insert' : 'delete', text: clause.text }];
  const pillars = {
    added: (after?.pillars ?? []).filter((key) => !(before?.pillars ?? []).includes(key)),
    removed: (before?.pillars ?? []).filter((key) => !(after?.pillars ?? []).includes(key)),
  };
  const status = before && after && before.status !== after.status ? { from: before.status, to: after.status } : null;
  const textChanged = words.some((word) => word.op !== 'equal');
  const change = !before
    ? 'added'
    : !after
      ? 'removed'
      : textChanged || status || pillars.added.length || pillars.removed.length
        ? 'modified'
        : 'unchanged';
  return {
    id: clause.id,
    kind: clause.kind,
    change,
    moved,
    fromNumber: before?.number ?? null,
    toNumber: after?.number ?? null,
    words,
    pillars,
    status,
  };
}

/**
 * Compares two outlines clause by clause, aligned by clause id: a clause renumbered by an
 * insertion elsewhere is unchanged; one whose place among the shared clauses changed is moved;
 * inside a clause, insertions and deletions are word by word. Removed clauses are listed where
 * they stood, after the clause that preceded them.
 */
export function compareOutlines(from: Outline, to: Outline): Redline {
  const before = new Map(from.clauses.map((clause) => [clause.id, clause]));
  const after = new Map(to.clauses.map((clause) => [clause.id, clause]));
  const shared = (clauses: OutlineClause[], other: Map<string, OutlineClause>) =>
    clauses.filter((c) => other.has(c.id)).map((c) => c.id);
  const kept = stayedInOrder(shared(from.clauses, after), shared(to.clauses, before));

  const removedAfter = new Map<string | null, OutlineClause[]>();
  let previousShared: string | null = null;
  for (const clause of from.clauses) {
    if (after.has(clause.id)) previousShared = clause.id;
    else removedAfter.set(previousShared, [...(removedAfter.get(previousShared) ?? []), clause]);
  }

  const clauses: ClauseRedline[] = (removedAfter.get(null) ?? []).map((clause) =>
    compareClause(clause, undefined, false),
  );
  for (const clause of to.clauses) {
    const old = before.get(clause.id);
    clauses.push(compareClause(old, clause, old !== undefined && !kept.has(clause.id)));
    for (const removed of removedAfter.get(clause.id) ?? []) clauses.push(compareClause(removed, undefined, false));
  }
  const summary = { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0 };
  for (const clause of clauses) {
    summary[clause.change]++;
    if (clause.moved) summary.moved++;
  }
  return { clauses, summary, title: { from: from.title, to: to.title } };
}
