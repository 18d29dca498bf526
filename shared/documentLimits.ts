import {
  MAX_CLAUSE_CHARACTERS,
  MAX_DOCUMENT_CHARACTERS,
  MAX_NESTING_DEPTH,
  MAX_POINT_LEVELS,
  formatCount,
} from './limits';

/** Where a node sits below the document: a section at 1, a clause at 2 (its paragraphs at 3). */
export const CLAUSE_DEPTH = 2;

/** What a value in ProseMirror's JSON form measures. */
export interface DocumentMeasure {
  /** The deepest element (not counting text) below the document, where the value sits at `at`. */
  depth: number;
  /** Characters of text in it. */
  characters: number;
  /** The deepest nesting of JSON objects and arrays, whatever their keys (attributes included). */
  nesting: number;
  /** The deepest level of points ((a) is 1, (i) in it 2, (A) in that 3): points nested in points. */
  pointLevels: number;
}

/** The element a point is, in document JSON and in the Yjs text (it keeps its first name). */
export const POINT_NODE = 'subparagraph';

/**
 * The one rule on how deep points nest, for every place that receives them: the collab server
 * (a change that nests a point deeper), the API (a proposed or revised clause) and the client
 * (before it sends). Null within {@link MAX_POINT_LEVELS}, or the sentence naming the figure,
 * starting with `what` ("The change", "The proposed clause").
 */
export function pointDepthProblem(levels: number, what: string): string | null {
  if (levels <= MAX_POINT_LEVELS) return null;
  return (
    `${what} nests points ${formatCount(levels)} levels deep; ` +
    `points go at most ${MAX_POINT_LEVELS} levels deep: (a), then (i), then (A).`
  );
}

/**
 * Measures a node in ProseMirror's JSON form (or any JSON value) without recursion, so a body
 * nested 20,000 levels deep is measured, not a stack overflow: how deep its elements nest (each
 * object of a `content` list that is not a text node is one level, as the collab server counts
 * Yjs elements), how many characters its text nodes hold, how deep its points nest in one
 * another, and how deep its JSON nests at all. Only what is walked counts: values that are not nodes (attributes, marks) add to `nesting` alone.
 */
export function measureDocument(value: unknown, at = 0): DocumentMeasure {
  const measure: DocumentMeasure = { depth: 0, characters: 0, nesting: 0, pointLevels: 0 };
  const stack: { value: unknown; depth: number; nesting: number; node: boolean; points: number }[] = [
    { value, depth: at - 1, nesting: 0, node: true, points: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, depth, nesting, node, points } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    measure.nesting = Math.max(measure.nesting, nesting + 1);
    if (Array.isArray(current)) {
      for (const item of current) stack.push({ value: item, depth, nesting: nesting + 1, node, points });
      continue;
    }
    const record = current as Record<string, unknown>;
    let own = depth;
    let ownPoints = points;
    if (node) {
      if (record.type === 'text') {
        if (typeof record.text === 'string') measure.characters += record.text.length;
      } else {
        own = depth + 1;
        measure.depth = Math.max(measure.depth, own);
      }
      if (record.type === POINT_NODE) {
        ownPoints = points + 1;
        measure.pointLevels = Math.max(measure.pointLevels, ownPoints);
      }
    }
    for (const [key, child] of Object.entries(record)) {
      stack.push({
        value: child,
        depth: own,
        nesting: nesting + 1,
        node: node && key === 'content',
        points: ownPoints,
      });
    }
  }
  return measure;
}

/**
 * Checks one clause node against the nesting, point-depth and size limits of shared/limits.ts
 * before anything else reads it. Returns null within the limits, or the sentence that names the limit passed,
 * starting with `what` ("The proposed clause"). The server answers it with a 400; the client
 * shows it before sending.
 */
export function clauseLimitProblem(value: unknown, what: string): string | null {
  return clauseProblem(measureDocument(value, CLAUSE_DEPTH), what);
}

/**
 * Checks a list of clause nodes (a resolution): each one as a clause, named by `each(index)`, and
 * all of them together, named by `all`, as at most a whole draft.
 */
export function clausesLimitProblem(
  values: readonly unknown[],
  names: { each: (index: number) => string; all: string },
): string | null {
  let characters = 0;
  for (const [index, value] of values.entries()) {
    const measure = measureDocument(value, CLAUSE_DEPTH);
    const problem = clauseProblem(measure, names.each(index));
    if (problem !== null) return problem;
    characters += measure.characters;
  }
  if (characters > MAX_DOCUMENT_CHARACTERS) {
    return (
      `${names.all} hold ${formatCount(characters)} characters together; ` +
      `a draft may hold at most ${formatCount(MAX_DOCUMENT_CHARACTERS)}.`
    );
  }
  return null;
}

function clauseProblem(measure: DocumentMeasure, what: string): string | null {
  if (measure.depth > MAX_NESTING_DEPTH) {
    return (
      `${what} nests elements ${formatCount(measure.depth)} levels deep below the document; ` +
      `a draft allows at most ${MAX_NESTING_DEPTH}.`
    );
  }
  const points = pointDepthProblem(measure.pointLevels, what);
  if (points !== null) return points;
  if (measure.characters > MAX_CLAUSE_CHARACTERS) {
    return (
      `${what} holds ${formatCount(measure.characters)} characters; ` +
      `a clause may hold at most ${formatCount(MAX_CLAUSE_CHARACTERS)}.`
    );
  }
  return null;
}
