import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { PillarKey } from '../../shared/pillars';
import { pillarByKey } from '../../shared/pillars';
import type { ClauseRedline, Redline, WordChange } from '../versions/redline';

/** One line of a clause's redline: the opening paragraph, a further paragraph or a lettered sub-paragraph. */
export interface RedlineLine {
  subparagraph: boolean;
  words: WordChange[];
}

/**
 * A clause's word changes cut into its lines. The redline compares a clause's plain text, where
 * blocks are joined by line breaks and sub-paragraphs start with their letter, so a line that
 * is not the first and starts with "(a) " is a sub-paragraph, to be indented like one. Any list
 * of word changes cuts the same way (an amendment's redline; a plain text as one `equal` run).
 */
export function redlineLines(clause: { readonly words: readonly WordChange[] }): RedlineLine[] {
  const lines: WordChange[][] = [[]];
  for (const word of clause.words) {
    word.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ op: word.op, text: part });
    });
  }
  return lines.map((words, index) => ({
    subparagraph: index > 0 && /^\([a-z]+\)\s/.test(words.map((w) => w.text).join('')),
    words,
  }));
}

/** The number a clause is shown with: its number in the newer text, or the one it had when removed. */
export function redlineNumber(clause: ClauseRedline): string {
  return clause.toNumber ?? clause.fromNumber ?? '';
}

function pillarLabels(keys: PillarKey[]): string {
  return keys.map((key) => pillarByKey(key)?.label ?? key).join(', ');
}

/** What changed about a clause beyond its words, one short note each: added, removed, moved, status, pillars. */
export function redlineNotes(clause: ClauseRedline): string[] {
  return [
    clause.change === 'added' ? 'Added' : '',
    clause.change === 'removed' ? `Removed (was ${clause.fromNumber ?? '?'})` : '',
    clause.moved ? `Moved (was ${clause.fromNumber ?? '?'})` : '',
    clause.status
      ? `Status: ${CLAUSE_STATUS_LABELS[clause.status.from]} → ${CLAUSE_STATUS_LABELS[clause.status.to]}`
      : '',
    clause.pillars.added.length ? `Pillars added: ${pillarLabels(clause.pillars.added)}` : '',
    clause.pillars.removed.length ? `Pillars removed: ${pillarLabels(clause.pillars.removed)}` : '',
  ].filter(Boolean);
}

/** The one-sentence summary at the top of every redline. */
export function redlineSummary(redline: Redline, labels: { from: string; to: string }): string {
  const s = redline.summary;
  return `Changes from ${labels.from} to ${labels.to}: ${s.modified} modified, ${s.added} added, ${s.removed} removed, ${s.moved} moved.`;
}

/** The redline's clauses with the heading of the part each run of them belongs to. */
export function redlineParts(redline: Redline): { heading: string; clauses: ClauseRedline[] }[] {
  const parts: { heading: string; clauses: ClauseRedline[] }[] = [];
  for (const clause of redline.clauses) {
    const heading = clause.kind === 'preambular' ? 'Preamble' : 'Operative part';
    if (parts[parts.length - 1]?.heading !== heading) parts.push({ heading, clauses: [] });
    parts[parts.length - 1]!.clauses.push(clause);
  }
  return parts;
}
