import type { EditingTrace } from './editingTrace';

/** One change as Yjs takes it: positions and lengths in UTF-16 code units, as JavaScript strings count. */
export interface TextPatch {
  index: number;
  deleteLength: number;
  insert: string;
}

/**
 * A trace turned into what one client sends: every transaction's patches in UTF-16 units, and,
 * after each transaction, how many units had been inserted and deleted in all and how long the
 * text was in code points. The running totals only grow, so a client reading the text back can
 * tell from its own copy how many transactions have reached it (see {@link acknowledgedTransactions}).
 */
export interface ReplayPlan {
  startContent: string;
  transactions: TextPatch[][];
  /** UTF-16 units inserted by transactions 0..i together. */
  insertedAfter: Float64Array;
  /** UTF-16 units deleted by transactions 0..i together. */
  deletedAfter: Float64Array;
  /** Length of the text in code points after transaction i. */
  codePointsAfter: Float64Array;
  /** The text after the planned transactions: the trace's endContent when all are replayed. */
  expectedContent: string;
  /** How many transactions the whole trace has (the plan may take only the first ones). */
  traceTransactions: number;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Code points in `text` outside the Basic Multilingual Plane, each two UTF-16 units. */
function astralCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isHighSurrogate(text.charCodeAt(i))) count++;
  return count;
}

/** The UTF-16 index `codePoints` code points after UTF-16 index `from` in `text`. */
function advance(text: string, from: number, codePoints: number): number {
  let index = from;
  for (let i = 0; i < codePoints; i++) {
    if (index >= text.length) throw new RangeError('position past the end of the text');
    index += isHighSurrogate(text.charCodeAt(index)) ? 2 : 1;
  }
  return index;
}

/**
 * Plans the replay of the first `count` transactions of `trace` (all by default), applying each
 * patch to a copy of the text to convert its code-point position to UTF-16. While the text holds
 * no character outside the Basic Multilingual Plane the two are the same and nothing is scanned.
 * Throws if a patch reaches past the text, or if the whole trace does not end at its endContent
 * (a damaged file would otherwise be blamed on the server).
 */
export function planReplay(trace: EditingTrace, count = trace.txns.length): ReplayPlan {
  const total = Math.min(count, trace.txns.length);
  const transactions: TextPatch[][] = [];
  const insertedAfter = new Float64Array(total);
  const deletedAfter = new Float64Array(total);
  const codePointsAfter = new Float64Array(total);
  let content = trace.startContent;
  let astral = astralCount(content);
  let codePoints = content.length - astral;
  let inserted = 0;
  let deleted = 0;
  for (let t = 0; t < total; t++) {
    const patches: TextPatch[] = [];
    for (const [position, deleteCount, insert] of trace.txns[t]?.patches ?? []) {
      if (position + deleteCount > codePoints) {
        throw new Error(
          `Transaction ${t} reaches code point ${position + deleteCount} of a text of ${codePoints}: not a replayable trace.`,
        );
      }
      const index = astral === 0 ? position : advance(content, 0, position);
      const end = astral === 0 ? position + deleteCount : advance(content, index, deleteCount);
      const insertAstral = astralCount(insert);
      astral += insertAstral - astralCount(content.slice(index, end));
      content = content.slice(0, index) + insert + content.slice(end);
      codePoints += insert.length - insertAstral - deleteCount;
      inserted += insert.length;
      deleted += end - index;
      if (end > index || insert.length > 0) patches.push({ index, deleteLength: end - index, insert });
    }
    transactions.push(patches);
    insertedAfter[t] = inserted;
    deletedAfter[t] = deleted;
    codePointsAfter[t] = codePoints;
  }
  if (total === trace.txns.length && content !== trace.endContent) {
    throw new Error('The trace does not end at its endContent when replayed: the file is damaged.');
  }
  return {
    startContent: trace.startContent,
    transactions,
    insertedAfter,
    deletedAfter,
    codePointsAfter,
    expectedContent: content,
    traceTransactions: trace.txns.length,
  };
}

/**
 * How many of the plan's transactions a copy of the text has taken in, given how many UTF-16
 * units it has seen inserted and deleted since the start. Both totals only grow with every
 * transaction, and every transaction that changes anything grows one of them, so the answer is
 * the longest prefix of transactions both totals cover.
 */
export function acknowledgedTransactions(plan: ReplayPlan, inserted: number, deleted: number): number {
  let low = 0;
  let high = plan.transactions.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const covered =
      (plan.insertedAfter[middle - 1] ?? Infinity) <= inserted &&
      (plan.deletedAfter[middle - 1] ?? Infinity) <= deleted;
    if (covered) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The first transaction after which the text is longer than `limit` code points, or undefined. */
export function firstTransactionOver(plan: ReplayPlan, limit: number): number | undefined {
  const index = plan.codePointsAfter.findIndex((length) => length > limit);
  return index === -1 ? undefined : index;
}

/** The longest the text gets during the plan, in code points. */
export function peakCodePoints(plan: ReplayPlan): number {
  let peak = plan.startContent.length - astralCount(plan.startContent);
  for (const length of plan.codePointsAfter) peak = Math.max(peak, length);
  return peak;
}
