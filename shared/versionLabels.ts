/**
 * The label the next named version takes by default: "Zero draft" for a draft's first, then the
 * revision after the highest "Rev.N" already taken ("Rev.1" when there is none), so a label in use
 * is never offered again, whatever the others are called.
 */
export function nextRevisionLabel(labels: readonly string[]): string {
  if (labels.length === 0) return 'Zero draft';
  return `Rev.${Math.max(0, ...labels.map(revisionNumber)) + 1}`;
}

/** N of a "Rev.N …" label, or 0 for any other. */
function revisionNumber(label: string): number {
  const found = /^Rev\.\s*(\d+)/i.exec(label.trim());
  return found ? Number(found[1]) : 0;
}
