import type { ClauseKind } from '../../shared/clauses';
import type { ClauseRedline, HeadingRedline, Redline } from '../api/compareApi';
import { isChanged } from './redlineSides';

/** What the redline page shows, in order, within a section of the text: a division or annex heading, or a clause. */
export type RedlineEntry = { type: 'heading'; heading: HeadingRedline } | { type: 'clause'; clause: ClauseRedline };

/** A run of entries under one section heading (preamble, operative part, annexes). */
export interface RedlineSection {
  kind: ClauseKind;
  entries: RedlineEntry[];
}

/**
 * The redline cut into sections, each heading (part, section, annex) before the clause it stands
 * before. With `changesOnly`, clauses that neither changed nor moved are left out, and so are
 * headings that did not change; a changed heading whose clause is left out comes before the next
 * clause shown, or last.
 */
export function redlineSections(redline: Redline, changesOnly: boolean): RedlineSection[] {
  const before = new Map<string | null, HeadingRedline[]>();
  for (const heading of redline.headings) before.set(heading.before, [...(before.get(heading.before) ?? []), heading]);
  const sections: RedlineSection[] = [];
  let waiting: HeadingRedline[] = [];
  const push = (kind: ClauseKind, entry: RedlineEntry): void => {
    const last = sections[sections.length - 1];
    if (last?.kind === kind) last.entries.push(entry);
    else sections.push({ kind, entries: [entry] });
  };
  const keep = (heading: HeadingRedline): boolean => !changesOnly || heading.change !== 'unchanged';
  for (const clause of redline.clauses) {
    waiting.push(...(before.get(clause.id) ?? []).filter(keep));
    if (changesOnly && !isChanged(clause)) continue;
    for (const heading of waiting) push(clause.kind, { type: 'heading', heading });
    waiting = [];
    push(clause.kind, { type: 'clause', clause });
  }
  const trailing = [...waiting, ...(before.get(null) ?? []).filter(keep)];
  for (const heading of trailing) push(sections[sections.length - 1]?.kind ?? 'annex', { type: 'heading', heading });
  return sections;
}
