import { inlineNote } from './inlineNote';

/** A footnote definition line: `[^label]: note`. */
const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:\s?(.*)$/;
/** A footnote reference: `[^label]`. */
const REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

/** Markdown footnotes taken out of a file's lines: the notes by label, and the lines without their definitions. */
export interface MarkdownNotes {
  lines: string[];
  notes: Map<string, string>;
}

/**
 * Takes the footnote definitions (`[^1]: note`, continued on lines indented four spaces or a tab)
 * out of Markdown lines, as Pandoc and GitHub write them, so that references can be replaced by
 * their notes where they stand. Definitions inside fenced code are left alone.
 */
export function takeFootnoteDefinitions(raw: readonly string[], inlineText: (text: string) => string): MarkdownNotes {
  const lines: string[] = [];
  const notes = new Map<string, string>();
  let open: { label: string; parts: string[] } | null = null;
  let inFence = false;
  const close = () => {
    if (!open) return;
    notes.set(open.label, inlineText(open.parts.join(' ').replace(/\s+/g, ' ').trim()));
    // A definition ends the paragraph before it, as a blank line would.
    lines.push('');
    open = null;
  };
  for (const line of raw) {
    if (/^\s*(?:```|~~~)/.test(line)) inFence = !inFence;
    const definition = inFence ? null : DEFINITION.exec(line);
    if (definition) {
      close();
      open = { label: definition[1]!, parts: [definition[2]!] };
      continue;
    }
    if (open && (/^(?: {4}|\t)/.test(line) || (line.trim() === '' && open.parts.length > 0))) {
      if (line.trim()) open.parts.push(line.trim());
      continue;
    }
    close();
    lines.push(line);
  }
  close();
  return { lines, notes };
}

/**
 * Writes each `[^label]` reference of a line as the inline note `^[note]` (see shared/draftText.ts),
 * recording which labels were used; a reference without a definition stays as written.
 */
export function placeFootnotes(
  text: string,
  notes: ReadonlyMap<string, string>,
  used: Set<string>,
  warnings: string[],
): string {
  return text.replace(REFERENCE, (whole, label: string) => {
    const note = notes.get(label);
    if (note === undefined) return whole;
    used.add(label);
    return inlineNote(note, warnings);
  });
}

/** The warnings for footnotes that could not be placed: references without a definition, definitions never referenced. */
export function footnoteWarnings(
  lines: readonly string[],
  notes: ReadonlyMap<string, string>,
  used: ReadonlySet<string>,
): string[] {
  const warnings: string[] = [];
  const missing = new Set<string>();
  for (const line of lines)
    for (const [, label] of line.matchAll(REFERENCE)) if (!notes.has(label!)) missing.add(label!);
  const names = (labels: readonly string[]) => labels.map((label) => `[^${label}]`).join(', ');
  if (missing.size === 1)
    warnings.push(`The footnote ${names([...missing])} has no note and stays in the text as written.`);
  if (missing.size > 1)
    warnings.push(`The footnotes ${names([...missing])} have no notes and stay in the text as written.`);
  const unused = [...notes.keys()].filter((label) => !used.has(label));
  if (unused.length === 1) warnings.push(`The note ${names(unused)} is referenced nowhere and was left out.`);
  if (unused.length > 1) warnings.push(`The notes ${names(unused)} are referenced nowhere and were left out.`);
  return warnings;
}
