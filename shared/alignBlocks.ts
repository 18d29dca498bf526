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
 * some were removed and others added at one place, one for one in order, if of the same kind.
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
    let r = 0;
    for (const j of added) {
      while (r < removed.length && !pairable(removed[r]!, j)) r++;
      if (r === removed.length) break;
      pair(removed[r++]!, j);
    }
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
