/**
 * The structure of an instrument beyond its clauses, and the labels derived from it: the levels
 * of points ((a) → (i) → (A)), divisions of the operative part (Part I, Section A), annexes
 * (Annex I, paragraphs A1.1 …) and references to a point ("OP1(b)(ii)"). Labels are never stored:
 * the editor, the outline API, every export and every import read them from these functions.
 */

/** The heading levels that group clauses: a part, and sections within a part. */
export const DIVISION_LEVELS = ['part', 'section'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

/** Whether `value` is a division level. */
export function isDivisionLevel(value: unknown): value is DivisionLevel {
  return typeof value === 'string' && (DIVISION_LEVELS as readonly string[]).includes(value);
}

const ROMAN: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** A positive number in lower-case roman numerals: 4 → "iv". */
export function romanNumeral(value: number): string {
  let rest = value;
  let out = '';
  for (const [size, numeral] of ROMAN) {
    while (rest >= size) {
      out += numeral;
      rest -= size;
    }
  }
  return out;
}

/** The `index`-th (0-based) letter label: a … z, then aa, bb … as treaty texts do. */
function letters(index: number): string {
  return String.fromCharCode(97 + (index % 26)).repeat(Math.floor(index / 26) + 1);
}

/**
 * The label of the `index`-th (0-based) point at `level` (1 to 3) of a clause: (a), (b) … at
 * level 1, (i), (ii) … at level 2, (A), (B) … at level 3.
 */
export function pointLabel(level: number, index: number): string {
  if (level === 2) return `(${romanNumeral(index + 1)})`;
  if (level >= 3) return `(${letters(index).toUpperCase()})`;
  return `(${letters(index)})`;
}

/** The number of the `index`-th (0-based) division of a level in its container: "Part I", "Section B". */
export function divisionNumber(level: DivisionLevel, index: number): string {
  return level === 'part' ? `Part ${romanNumeral(index + 1).toUpperCase()}` : `Section ${letters(index).toUpperCase()}`;
}

/** The label of the `index`-th (0-based) annex of a draft with `count` annexes: "Annex" alone, or "Annex I", "Annex II". */
export function annexLabel(index: number, count: number): string {
  return count === 1 ? 'Annex' : `Annex ${romanNumeral(index + 1).toUpperCase()}`;
}

/** The number of the `index`-th (0-based) paragraph of the `annexIndex`-th annex: A1.1, A1.2 … A2.1. */
export function annexClauseNumber(annexIndex: number, index: number): string {
  return `A${annexIndex + 1}.${index + 1}`;
}

/** The reference of a point: its clause's number, then the labels from level 1 down: "OP1(b)(ii)". */
export function pointReference(clauseNumber: string, labels: readonly string[]): string {
  return clauseNumber + labels.join('');
}

/** The nodes that carry a stable `id` (one namespace for all): comments, amendments and compare align by it. */
export const IDENTIFIED_NODES: ReadonlySet<string> = new Set(['clause', 'subparagraph', 'division', 'annex']);
