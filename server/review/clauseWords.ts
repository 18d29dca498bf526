import { diffArrays } from 'diff';
import type { DocumentNodeJSON } from '../../shared/documentJSON';

/**
 * The words of one block of a clause (its paragraph, or a point's own paragraph) read as a
 * sequence of tokens: its words, spaces and punctuation, each with its marks, and its inline
 * nodes (footnotes, hard breaks). Amendments are compared and merged block by block on these
 * tokens, so two amendments that change different words of one point both apply, and two that
 * change the same words are a conflict.
 */
export interface Token {
  /** Equal keys mean equal tokens (text and marks, or the same inline node). */
  key: string;
  /** The inline node (a text piece, a hard break or a footnote). */
  node: DocumentNodeJSON;
}

/** A change to a run of base tokens: tokens [start, end) are replaced by `insert`. */
export interface Hunk {
  start: number;
  end: number;
  insert: Token[];
}

const WORD_PIECES = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

/** The tokens of a paragraph. */
export function paragraphTokens(paragraph: DocumentNodeJSON | undefined): Token[] {
  const tokens: Token[] = [];
  for (const node of paragraph?.content ?? []) {
    if (node.type === 'text') {
      const marks = node.marks && node.marks.length > 0 ? node.marks : undefined;
      const markKey = marks ? JSON.stringify(marks) : '';
      for (const piece of (node.text ?? '').match(WORD_PIECES) ?? []) {
        tokens.push({
          key: `t${piece}\u0001${markKey}`,
          node: marks ? { type: 'text', text: piece, marks } : { type: 'text', text: piece },
        });
      }
    } else {
      tokens.push({ key: `n${JSON.stringify(node)}`, node });
    }
  }
  return tokens;
}

/** The hunks that turn `from` into `to`, positioned on `from`. */
export function diffTokens(from: Token[], to: Token[]): Hunk[] {
  const parts = diffArrays(
    from.map((token) => token.key),
    to.map((token) => token.key),
  );
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  for (const part of parts) {
    const count = part.value.length;
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = null;
      i += count;
      j += count;
      continue;
    }
    open ??= { start: i, end: i, insert: [] };
    if (part.removed) {
      i += count;
      open.end = i;
    } else {
      open.insert.push(...to.slice(j, j + count));
      j += count;
    }
  }
  if (open) hunks.push(open);
  return hunks;
}

/** Whether two hunks on the same base touch the same words (or insert at the very same place). */
export function hunksOverlap(a: Hunk, b: Hunk): boolean {
  if (sameHunk(a, b)) return false;
  const aEmpty = a.start === a.end;
  const bEmpty = b.start === b.end;
  if (aEmpty && bEmpty) return a.start === b.start;
  if (aEmpty) return b.start < a.start && a.start < b.end;
  if (bEmpty) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Two hunks that make exactly the same change (two amendments proposing the same words). */
export function sameHunk(a: Hunk, b: Hunk): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.insert.length === b.insert.length &&
    a.insert.every((token, k) => token.key === b.insert[k]!.key)
  );
}

/** Applies non-overlapping hunks to `base` (identical hunks once). */
export function applyHunks(base: Token[], hunks: Hunk[]): Token[] {
  const unique: Hunk[] = [];
  for (const hunk of hunks) if (!unique.some((other) => sameHunk(other, hunk))) unique.push(hunk);
  unique.sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Token[] = [];
  let at = 0;
  for (const hunk of unique) {
    result.push(...base.slice(at, hunk.start), ...hunk.insert);
    at = Math.max(at, hunk.end);
  }
  result.push(...base.slice(at));
  return result;
}

/** Joins adjacent text pieces with the same marks back into one text node. */
function joinInline(tokens: Token[]): DocumentNodeJSON[] {
  const nodes: DocumentNodeJSON[] = [];
  for (const token of tokens) {
    const node = token.node;
    const last = nodes[nodes.length - 1];
    if (
      node.type === 'text' &&
      last?.type === 'text' &&
      JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])
    ) {
      nodes[nodes.length - 1] = { ...last, text: `${last.text ?? ''}${node.text ?? ''}` };
    } else nodes.push({ ...node });
  }
  return nodes;
}

/** A paragraph holding the tokens, with the other fields of `like` (its attributes, if any). */
export function paragraphFromTokens(tokens: Token[], like: DocumentNodeJSON): DocumentNodeJSON {
  const inline = joinInline(tokens);
  const paragraph: DocumentNodeJSON = { ...like, type: 'paragraph' };
  delete paragraph.content;
  return inline.length > 0 ? { ...paragraph, content: inline } : paragraph;
}
