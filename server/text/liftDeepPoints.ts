import * as Y from 'yjs';
import { POINT_NODE } from '../../shared/documentLimits';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import { forEachChild } from './yjsTree';

/** The points inside `point`, at every level, in reading order. */
function pointsWithin(point: Y.XmlElement): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const stack: Y.XmlElement[] = [];
  const push = (parent: Y.XmlElement) => {
    const children: Y.XmlElement[] = [];
    forEachChild(parent, (child) => {
      if (child instanceof Y.XmlElement && child.nodeName === POINT_NODE) children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  };
  push(point);
  while (stack.length > 0) {
    const next = stack.pop()!;
    found.push(next);
    push(next);
  }
  return found;
}

/** The deepest level of points inside a point at the last level (MAX_POINT_LEVELS + 1 for its children). */
export function deepestWithin(point: Y.XmlElement): number {
  let deepest = MAX_POINT_LEVELS;
  const stack: { element: Y.XmlElement; level: number }[] = [{ element: point, level: MAX_POINT_LEVELS }];
  while (stack.length > 0) {
    const { element, level } = stack.pop()!;
    deepest = Math.max(deepest, level);
    forEachChild(element, (child) => {
      if (child instanceof Y.XmlElement && child.nodeName === POINT_NODE)
        stack.push({ element: child, level: level + 1 });
    });
  }
  return deepest;
}

/**
 * Mends a point at the last level that holds points (stored before the server counted levels):
 * every point inside it, at any depth, becomes a point of the last level right after it, in
 * reading order, with its own words and id. No word is lost and the reading order stays; only
 * the nesting past MAX_POINT_LEVELS goes. Run inside a transaction.
 */
export function liftDeepPoints(point: Y.XmlElement): void {
  const parent = point.parent;
  if (!(parent instanceof Y.XmlElement)) return;
  const inner = pointsWithin(point);
  const lifted = inner.map((deep) => {
    const flat = new Y.XmlElement(POINT_NODE);
    for (const [key, value] of Object.entries(deep.getAttributes())) flat.setAttribute(key, value as string);
    const own: Y.XmlElement[] = [];
    forEachChild(deep, (child) => {
      if (child instanceof Y.XmlElement && child.nodeName !== POINT_NODE) own.push(child.clone() as Y.XmlElement);
    });
    flat.insert(0, own);
    return flat;
  });
  const at = parent.toArray().indexOf(point);
  // Removing the inner points from the outermost down removes them all.
  const direct = point.toArray().filter((child) => child instanceof Y.XmlElement && child.nodeName === POINT_NODE);
  for (const child of direct) point.delete(point.toArray().indexOf(child), 1);
  parent.insert(at + 1, lifted);
}
