/**
 * Stable paragraph numbers (docs/numbering.md). Once the chair freezes the numbering (typically
 * when a version is circulated), every clause keeps the number it had: a clause inserted after OP5
 * is "OP5 bis" (then ter, quater …), and a deleted clause leaves "OP6 [deleted]" in the numbering
 * until the chair renumbers, which is an explicit, recorded action that also rewrites references.
 * The frozen numbers live in the text, on each container (preamble, operative part, annex), keyed by
 * the clauses' stable ids, so every reader, version and export shows the same numbers.
 */
import type { ClauseKind } from './clauses';
import { clauseNumber } from './clauses';

/** The attribute of a container holding its frozen numbering. */
export const NUMBERING_ATTRIBUTE = 'numbering';

/** A container's frozen numbering: each clause's number by id, how many there were, who froze it and when. */
export interface FrozenNumbering {
  numbers: Record<string, string>;
  /** The numbers frozen, in order ("OP1" … "OP9"): gaps among them are deleted clauses. */
  order: string[];
  by: string;
  at: string;
}

/** The suffixes of inserted paragraphs, in the order United Nations practice uses them. */
export const LATIN_SUFFIXES = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'novies',
  'decies',
  'undecies',
  'duodecies',
  'terdecies',
  'quaterdecies',
  'quindecies',
] as const;

/** The suffix of the `index`-th (0-based) clause inserted after a numbered one: bis, ter …, then "16", "17" beyond the list. */
export function latinSuffix(index: number): string {
  return LATIN_SUFFIXES[index] ?? String(index + 2);
}

/** Whether a value is a frozen numbering (the schema and the server check it). */
export function isFrozenNumbering(value: unknown): value is FrozenNumbering {
  if (typeof value !== 'object' || value === null) return false;
  const { numbers, order, by, at } = value as Record<string, unknown>;
  if (typeof by !== 'string' || typeof at !== 'string' || !Array.isArray(order) || order.length > 5000) return false;
  if (!order.every((number) => typeof number === 'string' && number.length <= 40)) return false;
  if (typeof numbers !== 'object' || numbers === null || Array.isArray(numbers)) return false;
  return Object.values(numbers).every((number) => typeof number === 'string' && number.length <= 40);
}

/** The numbers of a container's clauses now, and where each deleted frozen clause stood (before which clause; null at the end). */
export interface DisplayedNumbers {
  numbers: string[];
  deleted: { number: string; before: string | null }[];
}

/**
 * The numbers of a container's clauses, in order (`ids`): sequential when the numbering is not
 * frozen; otherwise each clause keeps its frozen number, a clause without one is numbered after the
 * last numbered clause before it ("OP5 bis", "OP5 ter"; before the first, "OP0 bis"), and a frozen
 * number whose clause is gone is listed as deleted where it stood. A frozen number shown once is
 * not shown again (a copy of a clause under a new id is new).
 */
export function displayNumbers(
  kind: ClauseKind,
  annexIndex: number,
  ids: readonly string[],
  frozen: FrozenNumbering | null,
  /**
   * Clauses that take their number from the clause before them and never move the others: one
   * only proposed as a whole (null: "OP5 bis", docs/suggestions.md), or a further wording of a
   * whole clause (its label: "OP5 Alt 2", docs/brackets-and-alternatives.md).
   */
  followers: ReadonlyMap<string, string | null> = new Map(),
): DisplayedNumbers {
  const numbers: string[] = [];
  let base = kind === 'annex' ? `A${annexIndex + 1}.0` : `${kind === 'preambular' ? 'PP' : 'OP'}0`;
  let inserted = 0;
  const follow = (id: string): string => {
    const label = followers.get(id);
    return label ? `${base} ${label}` : `${base} ${latinSuffix(inserted++)}`;
  };
  if (frozen === null) {
    let count = 0;
    for (const id of ids) {
      if (followers.has(id)) numbers.push(follow(id));
      else {
        base = clauseNumber(kind, count++, annexIndex);
        inserted = 0;
        numbers.push(base);
      }
    }
    return { numbers, deleted: [] };
  }
  const used = new Set<string>();
  for (const id of ids) {
    const number = followers.has(id) ? undefined : frozen.numbers[id];
    if (number !== undefined && !used.has(number)) {
      used.add(number);
      numbers.push(number);
      base = number;
      inserted = 0;
    } else numbers.push(follow(id));
  }
  const deleted: DisplayedNumbers['deleted'] = [];
  const present = new Map(ids.map((id, index) => [numbers[index]!, id]));
  frozen.order.forEach((number, index) => {
    if (present.has(number)) return;
    const next = frozen.order.slice(index + 1).find((later) => present.has(later));
    deleted.push({ number, before: next === undefined ? null : present.get(next)! });
  });
  return { numbers, deleted };
}

/** Freezes a container's numbers as they are shown now. */
export function freezeNumbers(
  ids: readonly string[],
  shown: readonly string[],
  by: string,
  at: string,
): FrozenNumbering {
  const numbers: Record<string, string> = {};
  ids.forEach((id, index) => {
    if (id) numbers[id] = shown[index]!;
  });
  return { numbers, order: [...shown], by, at };
}

/** A clause number as a whole token in text: "OP8", "PP3", "A1.2", with a Latin suffix or "[deleted]" after it. */
const REFERENCE = new RegExp(
  `\\b(?:OP|PP)\\d+(?: (?:${LATIN_SUFFIXES.join('|')}))?\\b|\\bA\\d+\\.\\d+(?: (?:${LATIN_SUFFIXES.join('|')}))?\\b`,
  'g',
);

/**
 * Rewrites the clause numbers cited in a text by `renumbered` (old number → new), whole tokens
 * only ("OP8" never touches "OP80"), and counts what it rewrote. Numbers not in the map stay.
 */
export function rewriteReferences(
  text: string,
  renumbered: ReadonlyMap<string, string>,
): { text: string; count: number } {
  let count = 0;
  const rewritten = text.replace(REFERENCE, (found) => {
    const now = renumbered.get(found);
    if (now === undefined || now === found) return found;
    count++;
    return now;
  });
  return { text: rewritten, count };
}
