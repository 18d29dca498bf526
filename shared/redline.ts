import { diffWordsWithSpace } from 'diff';
import { alignSequences, pairBlocks } from './alignBlocks';
import type { ClauseBlock } from './clauseBlocks';
import type { ClauseKind, ClauseStatus } from './clauses';
import type { PillarKey } from './pillars';

/** A run of words in a clause redline. */
export interface WordChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** What happened to a clause, a point, a heading or the formula between two texts. */
export type RedlineChange = 'unchanged' | 'modified' | 'added' | 'removed';

/**
 * How one block of a clause differs between two texts: a paragraph of the clause, or a point at
 * any level, aligned by the point's id (by position for points saved before they had ids). Its
 * label is each side's own: a point that was (b) and is now (c) has both.
 */
export interface BlockRedline {
  kind: 'paragraph' | 'point';
  /** The point's id (the newer side's when both have one); '' for a paragraph or a point without one. */
  id: string;
  change: RedlineChange;
  /** Its place among the clause's shared blocks changed, or its level did. */
  moved: boolean;
  /** Its level in the newer text (the older one for a removed point); 0 for a paragraph. */
  level: number;
  fromLabel: string | null;
  toLabel: string | null;
  /** "OP1(b)(ii)" on each side; null where it does not exist (and for paragraphs). */
  fromReference: string | null;
  toReference: string | null;
  /** Its own words, without its label. */
  words: WordChange[];
}

/** How one clause differs between two texts, aligned by its stable id (never by its number). */
export interface ClauseRedline {
  id: string;
  kind: ClauseKind;
  change: RedlineChange;
  /** Its place among the clauses both texts share changed (a renumbering alone is not a move). */
  moved: boolean;
  fromNumber: string | null;
  toNumber: string | null;
  /** The whole clause as one run of words, blocks on their own lines, each point's label as it changed. */
  words: WordChange[];
  /** The same, block by block: its paragraphs and its points at every level, in the order of the newer text. */
  blocks: BlockRedline[];
  pillars: { added: PillarKey[]; removed: PillarKey[] };
  status: { from: ClauseStatus; to: ClauseStatus } | null;
}

/**
 * A heading of the text in a redline: an annex (its title) or a division (a part or a section),
 * aligned by id, placed before the clause it stands before in the redline's order.
 */
export interface HeadingRedline {
  id: string;
  kind: 'annex' | 'part' | 'section';
  change: RedlineChange;
  /** "Part I", "Section B", "Annex II" on each side; null where it does not exist. */
  fromNumber: string | null;
  toNumber: string | null;
  /** Its title, word by word. */
  words: WordChange[];
  /** The id of the clause it stands right before in `clauses`, or null when it comes after them all. */
  before: string | null;
}

/** The differences between two texts, clause by clause, in the order of the newer text. */
export interface Redline {
  clauses: ClauseRedline[];
  summary: { added: number; removed: number; modified: number; moved: number; unchanged: number };
  title: { from: string; to: string };
  /** The opening formula ("The General Assembly,"), or null when neither text has one. */
  formula: { change: RedlineChange; words: WordChange[] } | null;
  /** Annex titles and division headings, each placed before a clause of `clauses`. */
  headings: HeadingRedline[];
  /** The label of each pillar key the redline names, from the draft's taxonomy (a key it lacks stands for itself). */
  pillarLabels: Record<string, string>;
}

/** Word by word, what changes from `before` to `after`: the one word diff every redline uses. */
export function wordChanges(before: string, after: string): WordChange[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}

/** Whether a run of word changes changes anything. */
export function changesWords(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal');
}

/** What a text became, as a change: added or removed when one side is absent, modified when its words differ. */
export function textChange(from: string | null, to: string | null): { change: RedlineChange; words: WordChange[] } {
  if (from === null) return { change: 'added', words: to ? [{ op: 'insert', text: to }] : [] };
  if (to === null) return { change: 'removed', words: from ? [{ op: 'delete', text: from }] : [] };
  const words = from === to ? (to ? [{ op: 'equal' as const, text: to }] : []) : wordChanges(from, to);
  return { change: changesWords(words) ? 'modified' : 'unchanged', words };
}

/**
 * Compares two versions of a clause block by block (see `pairBlocks`): the newer clause's blocks
 * in order, removed ones where they stood; a point inserted whole, deleted whole, changed word by
 * word, moved (another place among its siblings, or another level), each with its labels.
 * Either side may be empty (an added or a removed clause).
 */
export function compareBlocks(before: readonly ClauseBlock[], after: readonly ClauseBlock[]): BlockRedline[] {
  const [fromKeys, toKeys] = pairBlocks(before, after);
  return alignSequences(fromKeys, toKeys).map((entry): BlockRedline => {
    const old = entry.from === null ? undefined : before[entry.from];
    const now = entry.to === null ? undefined : after[entry.to];
    const block = (now ?? old)!;
    const { change, words } = textChange(old ? old.text : null, now ? now.text : null);
    const point = block.kind === 'point';
    return {
      kind: block.kind,
      id: now?.id || old?.id || '',
      change,
      moved: entry.moved || (old !== undefined && now !== undefined && old.level !== now.level),
      level: block.level,
      fromLabel: point && old ? old.label : null,
      toLabel: point && now ? now.label : null,
      fromReference: point && old ? old.reference : null,
      toReference: point && now ? now.reference : null,
      words,
    };
  });
}

/** Whether a clause's blocks differ at all: a block added, removed, moved or with other words. */
export function blocksChanged(blocks: readonly BlockRedline[]): boolean {
  return blocks.some((block) => block.change !== 'unchanged' || block.moved);
}

/** A point's label as it changed: kept, or the older struck and the newer inserted ("(b)" became "(c)"). */
export function labelWords(block: BlockRedline): WordChange[] {
  if (block.kind !== 'point') return [];
  if (block.fromLabel === block.toLabel) return [{ op: 'equal', text: block.toLabel ?? '' }];
  return [
    ...(block.fromLabel !== null ? [{ op: 'delete' as const, text: block.fromLabel }] : []),
    ...(block.toLabel !== null ? [{ op: 'insert' as const, text: block.toLabel }] : []),
  ];
}

/** A block's words on one line: its label as it changed, a space, then its own words (a whole point inserted or deleted as one). */
export function blockLineWords(block: BlockRedline): WordChange[] {
  if (block.kind !== 'point') return block.words;
  const space: WordChange = { op: wholeOp(block) ?? 'equal', text: ' ' };
  return mergeRuns([...labelWords(block), space, ...block.words]);
}

/**
 * The blocks as one run of words, each on its own line: a clause's `words`, and the flat redline
 * of an amendment. The line break before an added or removed block goes with it, so the words
 * kept and inserted read as the newer text and those kept and deleted as the older one.
 */
export function flatWords(blocks: readonly BlockRedline[]): WordChange[] {
  return mergeRuns(
    blocks.flatMap((block, index) => [
      ...(index > 0 ? [{ op: wholeOp(block) ?? 'equal', text: '\n' }] : []),
      ...blockLineWords(block),
    ]),
  );
}

/** How a block added or removed whole is marked: all inserted, or all deleted; null for a block in both texts. */
function wholeOp(block: BlockRedline): WordChange['op'] | null {
  return block.change === 'added' ? 'insert' : block.change === 'removed' ? 'delete' : null;
}

/** Joins neighbouring runs of the same kind, and drops empty ones. */
function mergeRuns(words: readonly WordChange[]): WordChange[] {
  const runs: WordChange[] = [];
  for (const word of words) {
    if (!word.text) continue;
    const last = runs[runs.length - 1];
    if (last?.op === word.op) runs[runs.length - 1] = { op: last.op, text: last.text + word.text };
    else runs.push({ ...word });
  }
  return runs;
}
