import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { PillarKey } from '../../shared/pillars';
import type { BlockRedline, WordChange } from '../../shared/redline';
import { blockLineWords } from '../../shared/redline';
import type { ClauseRedline, HeadingRedline, Redline } from '../versions/redline';

/**
 * One line of a redline: a paragraph of the clause (level 0, the first being its opening words)
 * or a point at its level (1 for (a), 2 for (i), 3 for (A)), its label first as it changed.
 */
export interface RedlineLine {
  level: number;
  words: WordChange[];
}

/**
 * A clause's redline cut into lines, one per block, each point at its level so every export
 * indents it like the text does. A hard break within a block starts a further line at the same
 * level. Any list of blocks cuts the same way (an amendment's redline; a base clause whose blocks
 * are all unchanged).
 */
export function redlineLines(clause: { readonly blocks: readonly BlockRedline[] }): RedlineLine[] {
  const lines: RedlineLine[] = [];
  for (const block of clause.blocks) {
    lines.push({ level: block.level, words: [] });
    for (const word of blockLineWords(block)) {
      word.text.split('\n').forEach((part, index) => {
        if (index > 0) lines.push({ level: block.level, words: [] });
        if (part) lines[lines.length - 1]!.words.push({ op: word.op, text: part });
      });
    }
  }
  return lines;
}

/** The number a clause is shown with: its number in the newer text, or the one it had when removed. */
export function redlineNumber(clause: ClauseRedline): string {
  return clause.toNumber ?? clause.fromNumber ?? '';
}

function pillarLabels(keys: PillarKey[], labels: Readonly<Record<string, string>>): string {
  return keys.map((key) => labels[key] ?? key).join(', ');
}

/** What changed about a clause beyond its words, one short note each: added, removed, moved, status, pillars, moved points. */
export function redlineNotes(clause: ClauseRedline, labels: Readonly<Record<string, string>>): string[] {
  return [
    clause.change === 'added' ? 'Added' : '',
    clause.change === 'removed' ? `Removed (was ${clause.fromNumber ?? '?'})` : '',
    clause.moved ? `Moved (was ${clause.fromNumber ?? '?'})` : '',
    clause.status
      ? `Status: ${CLAUSE_STATUS_LABELS[clause.status.from]} → ${CLAUSE_STATUS_LABELS[clause.status.to]}`
      : '',
    clause.pillars.added.length ? `Pillars added: ${pillarLabels(clause.pillars.added, labels)}` : '',
    clause.pillars.removed.length ? `Pillars removed: ${pillarLabels(clause.pillars.removed, labels)}` : '',
    ...pointNotes(clause),
  ].filter(Boolean);
}

/** The one-sentence summary at the top of every redline. */
export function redlineSummary(redline: Redline, labels: { from: string; to: string }): string {
  const s = redline.summary;
  return `Changes from ${labels.from} to ${labels.to}: ${s.modified} modified, ${s.added} added, ${s.removed} removed, ${s.moved} moved.`;
}

/** What a redline export writes, in order: the heading of a part, a division or annex heading, or a clause. */
export type RedlineEntry =
  | { type: 'part'; heading: string }
  | { type: 'heading'; heading: HeadingRedline }
  | { type: 'clause'; clause: ClauseRedline };

const PART_HEADINGS: Record<ClauseRedline['kind'], string | null> = {
  preambular: 'Preamble',
  operative: 'Operative part',
  // Each annex has its own heading, with its label and title.
  annex: null,
};

/**
 * The redline in the order every export writes it: the preamble's and the operative part's
 * headings, each division and annex heading before the clause it stands before, the clauses.
 */
export function redlineEntries(redline: Redline): RedlineEntry[] {
  const before = new Map<string | null, HeadingRedline[]>();
  for (const heading of redline.headings) before.set(heading.before, [...(before.get(heading.before) ?? []), heading]);
  const entries: RedlineEntry[] = [];
  let kind: ClauseRedline['kind'] | null = null;
  for (const clause of redline.clauses) {
    const part = PART_HEADINGS[clause.kind];
    if (clause.kind !== kind && part) entries.push({ type: 'part', heading: part });
    kind = clause.kind;
    for (const heading of before.get(clause.id) ?? []) entries.push({ type: 'heading', heading });
    entries.push({ type: 'clause', clause });
  }
  for (const heading of before.get(null) ?? []) entries.push({ type: 'heading', heading });
  return entries;
}

/** The number a heading is shown with ("Part II", "Annex I"): the newer text's, or the one it had when removed. */
export function headingNumber(heading: HeadingRedline): string {
  return heading.toNumber ?? heading.fromNumber ?? '';
}

/** What changed about a heading beyond its words: added, removed, renumbered. */
export function headingNotes(heading: HeadingRedline): string[] {
  return [
    heading.change === 'added' ? 'Heading added' : '',
    heading.change === 'removed' ? 'Heading removed' : '',
    heading.fromNumber && heading.toNumber && heading.fromNumber !== heading.toNumber
      ? `Was ${heading.fromNumber}`
      : '',
  ].filter(Boolean);
}

/** What changed in each point beyond its words, by reference: "OP1(b)(ii) moved (was OP1(c))". */
export function pointNotes(clause: ClauseRedline): string[] {
  return clause.blocks
    .filter((block) => block.kind === 'point' && block.moved && block.change !== 'added' && block.change !== 'removed')
    .map((block) => `${block.toReference ?? ''} moved (was ${block.fromReference ?? '?'})`);
}
