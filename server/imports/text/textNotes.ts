import { inlineNote } from './inlineNote';

const NOTES_HEADING = /^(?:notes|footnotes|endnotes)\s*:?$/i;
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A note of the block: "1 text", "1. text", "[1] text", "¹ text". */
const NOTE_LINE = new RegExp(`^(?:\\[(\\d{1,3})\\]|(\\d{1,3})[.)]?|([${SUPERSCRIPTS}]{1,3}))\\s+(\\S.*)$`);

function fromSuperscript(text: string): number {
  return Number([...text].map((char) => SUPERSCRIPTS.indexOf(char)).join(''));
}

/** Where a reference to a note may stand in the text: "[1]", "[^1]", "¹", or "1" right after punctuation ("text.1 "). */
const REFERENCE = new RegExp(
  `\\[\\^?(\\d{1,3})\\]|(?<![${SUPERSCRIPTS}])([${SUPERSCRIPTS}]{1,3})(?![${SUPERSCRIPTS}])|(?<=[.,;:)”"’])(\\d{1,3})(?=\\s|$)`,
  'g',
);

/**
 * Places the notes of a plain-text file where their references stand, when that is unambiguous:
 * the file ends with a "Notes" (or "Footnotes") line followed only by notes numbered 1, 2 … in
 * order, and each number is referenced exactly once in the text before, in the same order. The
 * references become `^[note]` and the block is taken out. Anything less certain leaves the file
 * as it is, with a warning when there was a notes block to place.
 */
export function placeTextNotes(lines: readonly string[]): { lines: string[]; warnings: string[] } {
  const heading = lines.findLastIndex((line) => NOTES_HEADING.test(line.trim()));
  if (heading < 0) return { lines: [...lines], warnings: [] };
  const notes: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    const text = line.trim();
    if (!text) continue;
    const match = NOTE_LINE.exec(text);
    const number = match ? ((match[1] ?? match[2]) ? Number(match[1] ?? match[2]) : fromSuperscript(match[3]!)) : 0;
    if (!match || number !== notes.length + 1) return { lines: [...lines], warnings: [] };
    notes.push(match[4]!.trim());
  }
  if (notes.length === 0) return { lines: [...lines], warnings: [] };
  const body = lines.slice(0, heading);
  const unplaced = {
    lines: [...lines],
    warnings: [
      `The notes at the end of the file could not be matched one by one to their references, so they were not made footnotes.`,
    ],
  };
  // One pass over the text: every place that reads as a reference, in order.
  const found = body.flatMap((line, at) =>
    [...line.matchAll(REFERENCE)].map((match) => ({
      line: at,
      at: match.index,
      length: match[0].length,
      number: match[2] ? fromSuperscript(match[2]) : Number(match[1] ?? match[3]),
    })),
  );
  const places = found.filter((place) => place.number >= 1 && place.number <= notes.length);
  if (places.length !== notes.length || places.some((place, index) => place.number !== index + 1)) return unplaced;
  const placed = [...body];
  const warnings: string[] = [];
  // From the last reference back, so earlier offsets stay true.
  for (let index = places.length - 1; index >= 0; index--) {
    const { line, at, length } = places[index]!;
    const text = placed[line]!;
    placed[line] = `${text.slice(0, at)}${inlineNote(notes[index]!, warnings)}${text.slice(at + length)}`;
  }
  return { lines: placed, warnings };
}
