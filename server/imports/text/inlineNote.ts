/** Whether every bracket of a note is closed, at most one level deep: what `^[note]` can hold (see shared/draftText.ts). */
export function holdsInline(note: string): boolean {
  let depth = 0;
  for (const char of note) {
    if (char === '[') depth++;
    else if (char === ']') depth--;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

/**
 * A note written in where its reference stands, as `^[note]`. A note whose square brackets
 * would end it early has them written as round ones, and the preview says so.
 */
export function inlineNote(note: string, warnings: string[]): string {
  if (holdsInline(note)) return `^[${note}]`;
  warnings.push(`A footnote had square brackets that do not pair up; they were made round: “${note.slice(0, 60)}”.`);
  return `^[${note.replace(/\[/g, '(').replace(/\]/g, ')')}]`;
}
