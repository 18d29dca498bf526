import type { Transaction } from '@tiptap/pm/state';
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform';

/**
 * Whether a transaction only changed text inside textblocks (typing, deleting within a line,
 * formatting): then no number, letter or gutter can have changed and the decorations are mapped
 * instead of rebuilt, which keeps typing in a 500-clause draft cheap.
 */
export function changesOnlyText(tr: Transaction): boolean {
  return tr.steps.every((step, index) => {
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return true;
    if (!(step instanceof ReplaceStep)) return false;
    const { slice } = step;
    if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
    let inlineOnly = true;
    slice.content.forEach((node) => {
      if (!node.isInline) inlineOnly = false;
    });
    if (!inlineOnly) return false;
    const doc = tr.docs[index]!;
    const $from = doc.resolve(step.from);
    return $from.parent.isTextblock && $from.sameParent(doc.resolve(step.to));
  });
}

/**
 * Whether a transaction inserted or deleted a footnote. Such a change is text-only for
 * {@link changesOnlyText}, yet it renumbers every later footnote, so the numbering is rebuilt.
 */
export function touchesFootnotes(tr: Transaction): boolean {
  return tr.steps.some((step, index) => {
    if (!(step instanceof ReplaceStep)) return false;
    let found = false;
    step.slice.content.descendants((node) => {
      if (node.type.name === 'footnote') found = true;
      return !found;
    });
    if (found || step.from === step.to) return found;
    tr.docs[index]!.nodesBetween(step.from, step.to, (node) => {
      if (node.type.name === 'footnote') found = true;
      return !found;
    });
    return found;
  });
}
