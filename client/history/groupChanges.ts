import type { ClauseChangeEntry } from '../api/historyApi';

/** Changes by one person closer together than this read as one piece of work. */
export const GROUP_GAP_MS = 5 * 60_000;

/** One row of the history panel: one person's run of changes, with every clause it touched. */
export interface ChangeGroup {
  /** Stable across refreshes while the group's newest change stays the same. */
  key: string;
  author: ClauseChangeEntry['author'];
  /** The newest and oldest change in the run (ISO times). */
  latest: string;
  earliest: string;
  /** The id of the oldest change in the run (the newest is `key`): the run's words are read from one to the other. */
  earliestId: string;
  /** How many stored changes the run holds. */
  changes: number;
  /** Every clause touched, in text order (preamble, then operative), deleted clauses last. */
  clauses: ClauseChangeEntry['clauses'];
  /** A decision on a suggestion, which is a row of its own: what was decided. */
  summary: string | null;
}

const SECTION_ORDER: Record<string, number> = { PP: 0, OP: 1 };

/** Sort key of a clause number: "PP2" before "OP1" before "OP10"; deleted (null) last. */
function clauseOrder(number: string | null): [number, number, string] {
  if (number === null) return [9, 0, ''];
  const match = /^([A-Z]+)(\d+)(.*)$/.exec(number);
  if (!match) return [8, 0, number];
  return [SECTION_ORDER[match[1]!] ?? 7, Number(match[2]), match[3] ?? ''];
}

function compareClauses(a: { number: string | null }, b: { number: string | null }): number {
  const [sa, na, ra] = clauseOrder(a.number);
  const [sb, nb, rb] = clauseOrder(b.number);
  return sa - sb || na - nb || ra.localeCompare(rb);
}

/**
 * Folds the server's history (newest first, one entry per stored batch of updates, so one per
 * few keystrokes) into what a person reads: consecutive changes by the same person, less than
 * {@link GROUP_GAP_MS} apart, become one row naming every clause they touched. Entries that
 * touched no clause (the title, a blank line) are left out. A decision on a suggestion is a row
 * of its own, with what was decided. Newest first, like the input.
 */
export function groupChanges(entries: readonly ClauseChangeEntry[], gapMs: number = GROUP_GAP_MS): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  let current: { group: ChangeGroup; clauses: Map<string, ClauseChangeEntry['clauses'][number]> } | null = null;
  for (const entry of entries) {
    if (entry.clauses.length === 0) continue;
    const sameAuthor = current !== null && (current.group.author?.id ?? null) === (entry.author?.id ?? null);
    const close = current !== null && Date.parse(current.group.earliest) - Date.parse(entry.at) <= gapMs;
    const decision = entry.summary !== null || current?.group.summary != null;
    if (current === null || !sameAuthor || !close || decision) {
      current = {
        group: {
          key: entry.id,
          author: entry.author,
          latest: entry.at,
          earliest: entry.at,
          earliestId: entry.id,
          changes: 0,
          clauses: [],
          summary: entry.summary,
        },
        clauses: new Map(),
      };
      groups.push(current.group);
    }
    current.group.earliest = entry.at;
    current.group.earliestId = entry.id;
    current.group.changes += 1;
    for (const clause of entry.clauses) if (!current.clauses.has(clause.id)) current.clauses.set(clause.id, clause);
    current.group.clauses = [...current.clauses.values()].sort(compareClauses);
  }
  return groups;
}
