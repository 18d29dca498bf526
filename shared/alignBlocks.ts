import { diffArrays } from 'diff';
import type { ClauseBlock } from './clauseBlocks';

/**
 * One entry of two aligned sequences: an element of the older one (`from`), of the newer one
 * (`to`), or of both, by index; `moved` when a shared element's place among the shared ones changed.
 */
export interface Aligned {
  from: number | null;
  to: number | null;
  moved: boolean;
}

/** The keys of the longest run of shared keys that kept their relative order (the rest moved). */
export function keptInOrder(from: readonly string[], to: readonly string[]): Set<string> {
  const n = from.length;
  const m = to.length;
  const lengths: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] =
        from[i] === to[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (from[i] === to[j]) {
      kept.add(from[i]!);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/**
 * Aligns two sequences of unique keys (equal keys are the same element): the entries follow the
 * newer sequence, and an element only in the older one stands right after the element that
 * preceded it there (at the start when none did), so a removal is shown where it was.
 */
export function alignSequences(from: readonly string[], to: readonly string[]): Aligned[] {
  const toIndex = new Map(to.map((key, index) => [key, index]));
  const fromIndex = new Map(from.map((key, index) => [key, index]));
  const kept = keptInOrder(
    from.filter((key) => toIndex.has(key)),
    to.filter((key) => fromIndex.has(key)),
  );
  const removedAfter = new Map<number, number[]>();
  let previous = -1;
  from.forEach((key, index) => {
    const partner = toIndex.get(key);
    if (partner !== undefined) previous = partner;
    else removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), index]);
  });
  const entries: Aligned[] = (removedAfter.get(-1) ?? []).map((index) => ({ from: index, to: null, moved: false }));
  to.forEach((key, index) => {
    const partner = fromIndex.get(key);
    entries.push({ from: partner ?? null, to: index, moved: partner !== undefined && !kept.has(key) });
    for (const removed of removedAfter.get(index) ?? []) entries.push({ from: removed, to: null, moved: false });
  });
  return entries;
}

/** Each block's id if it is the first block of its sequence with that id; '' otherwise (no id, or a duplicate). */
function ownIds(blocks: readonly ClauseBlock[]): string[] {
  const seen = new Set<string>();
  return blocks.map((block) => {
    if (block.kind !== 'point' || !block.id || seen.has(block.id)) return '';
    seen.add(block.id);
    return block.id;
  });
}

/**
 * Which blocks of two versions of a clause are the same block, as keys (a block of `after` that
 * pairs with one of `before` gets its key). Points pair by id at every level, wherever they
 * moved. What ids cannot pair (paragraphs, and points saved before points had ids) pairs by
 * position between the blocks already paired: blocks with the same words first, then, where
 * some were removed and others added at one place, the one for the one, or among several those
 * with the most words alike, in order and of the same kind.
 * Two points that both have ids, different ones, are never the same point.
 */
export function pairBlocks(before: readonly ClauseBlock[], after: readonly ClauseBlock[]): [string[], string[]] {
  const fromKeys = before.map((_, index) => `b${index}`);
  const toKeys = after.map((_, index) => `a${index}`);
  const fromPaired = new Set<number>();
  const toPaired = new Set<number>();
  const pair = (i: number, j: number): void => {
    toKeys[j] = fromKeys[i]!;
    fromPaired.add(i);
    toPaired.add(j);
  };
  if (before[0]?.kind === 'paragraph' && after[0]?.kind === 'paragraph') pair(0, 0);
  const beforeIds = ownIds(before);
  const afterIds = ownIds(after);
  const afterById = new Map(afterIds.map((id, index) => [id, index]));
  beforeIds.forEach((id, i) => {
    const j = id ? afterById.get(id) : undefined;
    if (j !== undefined && !fromPaired.has(i) && !toPaired.has(j)) pair(i, j);
  });

  // Between consecutive anchors (pairs that kept their order), the rest pairs by position.
  const kept = keptInOrder(
    fromKeys.filter((_, i) => fromPaired.has(i)),
    toKeys.filter((_, j) => toPaired.has(j)),
  );
  const anchors: [number, number][] = [[-1, -1]];
  toKeys.forEach((key, j) => {
    if (toPaired.has(j) && kept.has(key)) anchors.push([fromKeys.indexOf(key), j]);
  });
  anchors.push([before.length, after.length]);
  const pairable = (i: number, j: number): boolean =>
    before[i]!.kind === after[j]!.kind && (beforeIds[i] === '' || afterIds[j] === '');
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [fromStart, toStart] = anchors[k]!;
    const [fromEnd, toEnd] = anchors[k + 1]!;
    const olds: number[] = [];
    const news: number[] = [];
    for (let i = fromStart + 1; i < fromEnd; i++) if (!fromPaired.has(i)) olds.push(i);
    for (let j = toStart + 1; j < toEnd; j++) if (!toPaired.has(j)) news.push(j);
    if (olds.length > 0 && news.length > 0) pairByPosition(olds, news, before, after, pairable, pair);
  }
  return [fromKeys, toKeys];
}

/** Pairs blocks of one stretch: equal words first (a diff), then what was removed against what was added at one place. */
function pairByPosition(
  olds: readonly number[],
  news: readonly number[],
  before: readonly ClauseBlock[],
  after: readonly ClauseBlock[],
  pairable: (i: number, j: number) => boolean,
  pair: (i: number, j: number) => void,
): void {
  const parts = diffArrays([...olds], [...news], {
    comparator: (i, j) => pairable(i, j) && before[i]!.level === after[j]!.level && before[i]!.text === after[j]!.text,
  });
  let o = 0;
  let n = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const settle = (): void => {
    for (const [i, j] of closestPairs(removed, added, before, after, pairable)) pair(i, j);
    removed = [];
    added = [];
  };
  for (const part of parts) {
    const count = part.value.length;
    if (part.removed) removed.push(...olds.slice(o, (o += count)));
    else if (part.added) added.push(...news.slice(n, (n += count)));
    else {
      settle();
      for (let k = 0; k < count; k++) pair(olds[o + k]!, news[n + k]!);
      o += count;
      n += count;
    }
  }
  settle();
}

/** How alike two texts are: the share of their words they have in common (0 to 1). */
function likeness(a: string, b: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const left = words(a);
  const right = words(b);
  if (left.length + right.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      common++;
      counts.set(word, count - 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}

/** Below this likeness, two blocks among several removed and added at one place are not taken for one changed block. */
const MIN_LIKENESS = 0.34;

/**
 * Which of the blocks removed at one place are which of those added there, keeping their order:
 * one for one when there is one of each; otherwise the pairs of alike words with the most
 * likeness in all (a longest-common-subsequence over likeness).
 */
function closestPairs(
  removed: readonly number[],
  added: readonly number[],
  before: readonly ClauseBlock[],
  after: readonly ClauseBlock[],
  pairable: (i: number, j: number) => boolean,
): [number, number][] {
  if (removed.length === 1 && added.length === 1)
    return pairable(removed[0]!, added[0]!) ? [[removed[0]!, added[0]!]] : [];
  const score = (r: number, a: number): number => {
    if (!pairable(removed[r]!, added[a]!)) return 0;
    const alike = likeness(before[removed[r]!]!.text, after[added[a]!]!.text);
    return alike >= MIN_LIKENESS ? alike : 0;
  };
  const n = removed.length;
  const m = added.length;
  const best: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let r = n - 1; r >= 0; r--)
    for (let a = m - 1; a >= 0; a--) {
      const here = score(r, a);
      best[r]![a] = Math.max(best[r + 1]![a]!, best[r]![a + 1]!, here > 0 ? here + best[r + 1]![a + 1]! : 0);
    }
  const pairs: [number, number][] = [];
  let r = 0;
  let a = 0;
  while (r < n && a < m) {
    const here = score(r, a);
    if (here > 0 && best[r]![a] === here + best[r + 1]![a + 1]!) {
      pairs.push([removed[r]!, added[a]!]);
      r++;
      a++;
    } else if (best[r]![a] === best[r + 1]![a]) r++;
    else a++;
  }
  return pairs;
}
