import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { POINT_NODE, pointDepthProblem } from '../../shared/documentLimits';
import { MAX_NESTING_DEPTH, MAX_POINT_LEVELS } from '../../shared/limits';
import { checkAttribute, checkChildren, checkFormat, nodeTypeOf } from './checkNode';
import { deepestWithin, liftDeepPoints } from './liftDeepPoints';
import type { AnyType } from './yjsTree';
import { closestElement, forEachChild } from './yjsTree';

/** One thing wrong with a stored text; `repair` (run inside a transaction on its document) mends it without losing words. */
export interface DocumentProblem {
  message: string;
  repair?: () => void;
}

/** Most problems reported for one document: enough to understand it, not a flood in the log. */
const MAX_PROBLEMS = 50;

/** Where a node is, for a log or an error a chair reads: the clause it is in, if any. */
function where(type: AnyType): string {
  const clause = closestElement(type, 'clause');
  const id = clause?.getAttribute('id');
  return typeof id === 'string' ? ` (in clause ${id})` : '';
}

function checkText(text: Y.XmlText, schema: Schema, problems: DocumentProblem[]): void {
  let index = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    const at = index;
    if (typeof op.insert !== 'string') {
      problems.push({ message: `an embedded object inside text${where(text)}`, repair: () => text.delete(at, 1) });
    } else {
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        const problem = checkFormat(text, key, value, schema);
        if (problem !== null)
          problems.push({
            message: `${problem}${where(text)}`,
            repair: () => text.format(at, length, { [key]: null }),
          });
      }
    }
    index += length;
  }
}

function checkElement(element: Y.XmlElement, schema: Schema, problems: DocumentProblem[]): boolean {
  const nodeType = nodeTypeOf(element, schema);
  if (typeof nodeType === 'string') {
    problems.push({ message: `${nodeType}${where(element)}` });
    return false;
  }
  for (const [key, value] of Object.entries(element.getAttributes())) {
    const problem = checkAttribute(nodeType, key, value);
    // Removing the attribute leaves its default, as the editor reads a missing attribute.
    if (problem !== null)
      problems.push({ message: `${problem}${where(element)}`, repair: () => element.removeAttribute(key) });
  }
  const content = checkChildren(element, nodeType, schema);
  if (content !== null) problems.push({ message: `${content}${where(element)}` });
  return true;
}

/**
 * Empties a root other than the text: never shown, but synced to every client. A root read from
 * an update is of no particular type until asked for as one, so it is asked for as what it holds.
 */
function clearRoot(doc: Y.Doc, name: string, root: AnyType): void {
  if (root._map.size > 0) {
    const map = doc.getMap(name);
    for (const key of [...map.keys()]) map.delete(key);
  }
  if (root._start !== null) {
    const list = doc.getArray(name);
    list.delete(0, list.length);
  }
}

/**
 * Checks a whole stored text against the editor schema, the nesting limit and the levels of
 * points, without recursion: every element's name, attributes and children, every text's
 * formatting. Returns what is wrong; problems with a `repair` lose no words (an unknown attribute
 * or formatting, data outside the text, points nested past MAX_POINT_LEVELS), the others make the
 * text unreadable until a good state is restored.
 */
export function validateDocument(doc: Y.Doc, schema: Schema, field: string): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const [name, root] of doc.share) {
    if (name === field) continue;
    const hasContent = root._start !== null || root._map.size > 0;
    if (hasContent)
      problems.push({
        message: `data outside the text, under "${name}"`,
        repair: () => clearRoot(doc, name, root as AnyType),
      });
  }
  const fragment = doc.getXmlFragment(field);
  const top = checkChildren(fragment, schema.topNodeType, schema);
  if (top !== null) problems.push({ message: top });
  // Lifting copies the points it lifts, so it runs after every other repair has mended them.
  const lifts: DocumentProblem[] = [];
  const stack: { type: AnyType; depth: number; points: number }[] = [];
  forEachChild(fragment, (child) => stack.push({ type: child, depth: 1, points: 0 }));
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { type, depth, points: above } = stack.pop()!;
    if (type instanceof Y.XmlText) {
      checkText(type, schema, problems);
    } else if (type instanceof Y.XmlElement) {
      if (depth > MAX_NESTING_DEPTH) {
        problems.push({ message: `elements nested more than ${MAX_NESTING_DEPTH} levels deep${where(type)}` });
        continue;
      }
      const points = type.nodeName === POINT_NODE ? above + 1 : above;
      const deepest = points === MAX_POINT_LEVELS ? deepestWithin(type) : 0;
      if (deepest > MAX_POINT_LEVELS) {
        // Points nested past the last level: lifted to it, words and order kept (see liftDeepPoints).
        const problem = pointDepthProblem(deepest, 'The stored text');
        lifts.push({ message: `${problem}${where(type)}`, repair: () => liftDeepPoints(type) });
      }
      if (checkElement(type, schema, problems))
        forEachChild(type, (child) => stack.push({ type: child, depth: depth + 1, points }));
    } else {
      problems.push({ message: `data of a kind the editor does not use${where(type)}` });
    }
  }
  return [...problems, ...lifts];
}

/**
 * Why a text with `problems` cannot be read: the problems no repair mends, the first three named
 * (and how many more); null when every problem can be mended without losing words.
 */
export function unreadableBecause(problems: readonly DocumentProblem[]): string | null {
  const lasting = [...new Set(problems.filter((problem) => !problem.repair).map((problem) => problem.message))];
  if (lasting.length === 0) return null;
  const more = lasting.length > 3 ? ` and ${lasting.length - 3} more` : '';
  return `${lasting.slice(0, 3).join('; ')}${more}`;
}
