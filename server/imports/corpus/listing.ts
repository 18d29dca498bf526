import type { ImportedEntry, ImportPreview } from '../../../shared/importPreview';
import type { Outline } from '../../../shared/outline';
import { pointReference } from '../../../shared/structure';

/**
 * A draft's structure as lines of text, one thing per line, the same whether read from an import
 * preview or from the outline API, so a test can say in a few readable lines what an import must
 * create and compare both against it:
 *
 *     title: Protection of essential services
 *     formula: The General Assembly,
 *     PP1 Recalling its resolution 78/12,^[A/RES/78/12.]
 *     OP1 Calls upon Member States:
 *     OP1(b)(i) the criticality of the service;
 *     OP1 ¶ a further paragraph of OP1
 *     Part I — General principles
 *     Annex II — Declaration on essential services
 *     A2.1 States should …
 *     note 1 PP1: A/RES/78/12.
 *
 * Footnotes stand in the text as `^[note]` where they are, and are listed after the text in order
 * with the reference of the clause or point that holds them.
 */
export type Listing = string[];

const INLINE_NOTE = /\^\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;

function heading(number: string, title: string): string {
  return title ? `${number} — ${title}` : number;
}

/** The listing of what an import preview will create. */
export function previewListing(preview: ImportPreview): Listing {
  const lines: Listing = [`title: ${preview.title}`];
  const notes: string[] = [];
  const noteLines = (text: string, reference: string) => {
    for (const [, note] of text.matchAll(INLINE_NOTE)) notes.push(`note ${notes.length + 1} ${reference}: ${note}`);
  };
  if (preview.formula) lines.push(`formula: ${preview.formula}`);
  const entries = (list: readonly ImportedEntry[]) => {
    for (const entry of list) {
      if (entry.type === 'division') {
        lines.push(heading(entry.number, entry.text));
        continue;
      }
      lines.push(`${entry.number} ${entry.text}`);
      noteLines(entry.text, entry.number);
      const path: string[] = [];
      for (const block of entry.blocks) {
        if (block.level === 0 || block.label === null) {
          lines.push(`${entry.number} ¶ ${block.text}`);
          noteLines(block.text, entry.number);
          continue;
        }
        path.length = block.level - 1;
        path.push(block.label);
        const reference = pointReference(entry.number, path);
        lines.push(`${reference} ${block.text}`);
        noteLines(block.text, reference);
      }
    }
  };
  entries(preview.preamble);
  entries(preview.operative);
  for (const annex of preview.annexes) {
    lines.push(heading(annex.label, annex.title));
    entries(annex.entries);
  }
  return [...lines, ...notes];
}

/** The listing of a draft as the outline API reads it (what an import created). */
export function outlineListing(outline: Outline): Listing {
  const lines: Listing = [`title: ${outline.title}`];
  if (outline.formula) lines.push(`formula: ${outline.formula}`);
  const pending = [...outline.divisions];
  let annexId: string | undefined;
  const flushDivisions = (upTo: string | undefined) => {
    // Headings stand before the first clause they group; those of a container with no clause after them stand at its end.
    while (pending.length > 0 && pending[0]!.annexId === annexId) {
      const division = pending.shift()!;
      lines.push(heading(division.number, division.title));
      if (division.id === upTo) return;
    }
  };
  for (const clause of outline.clauses) {
    if (clause.annexId !== annexId) {
      flushDivisions(undefined);
      annexId = clause.annexId;
      const annex = outline.annexes.find((a) => a.id === annexId)!;
      lines.push(heading(annex.label, annex.title));
    }
    if (clause.divisionId !== undefined && pending.some((division) => division.id === clause.divisionId))
      flushDivisions(clause.divisionId);
    const [first = '', ...rest] = clause.text.split('\n');
    lines.push(`${clause.number} ${first}`);
    let point = 0;
    for (const line of rest) {
      const next = clause.points[point];
      if (next && line === `${next.label} ${next.text}`) {
        lines.push(`${next.reference} ${next.text}`);
        point++;
      } else lines.push(`${clause.number} ¶ ${line}`);
    }
  }
  flushDivisions(undefined);
  for (const note of outline.footnotes) lines.push(`note ${note.number} ${note.reference}: ${note.note}`);
  return lines;
}
