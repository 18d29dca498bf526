import { diffWordsWithSpace } from 'diff';
import type { ClauseKind, ClauseStatus } from './clauses';
import type { PillarKey } from './pillars';

/** A run of words in a clause redline. */
export interface WordChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** How one clause differs between two texts, aligned by its stable id (never by its number). */
export interface ClauseRedline {
  id: string;
  kind: ClauseKind;
  change: 'unchanged' | 'modified' | 'added' | 'removed';
  /** Its place among the clauses both texts share changed (a renumbering alone is not a move). */
  moved: boolean;
  fromNumber: string | null;
  toNumber: string | null;
  words: WordChange[];
  pillars: { added: PillarKey[]; removed: PillarKey[] };
  status: { from: ClauseStatus; to: ClauseStatus } | null;
}

/** The differences between two texts, clause by clause, in the order of the newer text. */
export interface Redline {
  clauses: ClauseRedline[];
  summary: { added: number; removed: number; modified: number; moved: number; unchanged: number };
  title: { from: string; to: string };
}

/** Word by word, what changes from `before` to `after`: the one word diff every redline uses. */
export function wordChanges(before: string, after: string): WordChange[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}
