import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { commentRanges } from '../editor/CommentHighlights';
import { placeCards } from './threadLayout';

/** A card the margin aligns: the clause it is on and the span (by range id) whose words it is about. */
export interface LayoutTarget {
  id: string;
  clauseId: string;
  /** The id of its range among the highlights (a thread's own id, or the composer's pending span). */
  rangeId: string | null;
  /** Whether there is nothing in the text to align with (the clause was deleted). */
  detached: boolean;
}

function clauseElement(editor: Editor, clauseId: string): Element | null {
  return editor.view.dom.querySelector(`.clause[data-clause-id="${CSS.escape(clauseId)}"]`);
}

/** How far below the top of the viewport the words of a target start, or Infinity when they are not in the text. */
function anchorTop(
  editor: Editor,
  target: LayoutTarget,
  ranges: ReadonlyMap<string, { from: number; to: number }>,
): number {
  if (target.detached) return Number.POSITIVE_INFINITY;
  const range = target.rangeId === null ? undefined : ranges.get(target.rangeId);
  if (range !== undefined) {
    try {
      return editor.view.coordsAtPos(range.from, 1).top;
    } catch {
      // A position the view cannot draw (mid-update): fall back to the clause.
    }
  }
  return clauseElement(editor, target.clauseId)?.getBoundingClientRect().top ?? Number.POSITIVE_INFINITY;
}

/**
 * Keeps the margin's cards level with the words they are about while the text changes, the
 * window resizes, cards grow (a reply box opens) or another thread becomes active. Positions are
 * written straight to the cards' style (at most once a frame), not through React state, so typing
 * anywhere in a long text re-renders nothing. Returns the ref callback each card registers with.
 */
export function useThreadLayout(
  editor: Editor,
  stack: RefObject<HTMLElement | null>,
  targets: readonly LayoutTarget[],
  activeId: string | null,
): (id: string, element: HTMLElement | null) => void {
  const elements = useRef(new Map<string, HTMLElement>());
  const latest = useRef({ targets, activeId });
  const frame = useRef<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);

  const layout = useCallback(() => {
    const container = stack.current;
    if (!container || editor.isDestroyed) return;
    const top = container.getBoundingClientRect().top;
    const ranges = commentRanges(editor.state);
    const cards = latest.current.targets.flatMap((target) => {
      const element = elements.current.get(target.id);
      return element
        ? [{ id: target.id, anchorTop: anchorTop(editor, target, ranges) - top, height: element.offsetHeight }]
        : [];
    });
    const tops = placeCards(cards, latest.current.activeId);
    let height = 0;
    for (const card of cards) {
      const element = elements.current.get(card.id);
      const placed = tops.get(card.id) ?? 0;
      if (!element) continue;
      element.style.top = `${Math.round(placed)}px`;
      height = Math.max(height, placed + card.height);
    }
    container.style.setProperty('--stack-height', `${Math.ceil(height)}px`);
  }, [editor, stack]);

  const schedule = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      layout();
    });
  }, [layout]);

  // After every render (targets, active thread, card contents): before paint, so nothing jumps.
  useLayoutEffect(() => {
    latest.current = { targets, activeId };
    layout();
  });

  useEffect(() => {
    const resize = new ResizeObserver(schedule);
    observer.current = resize;
    resize.observe(editor.view.dom);
    for (const element of elements.current.values()) resize.observe(element);
    editor.on('transaction', schedule);
    window.addEventListener('resize', schedule);
    return () => {
      resize.disconnect();
      observer.current = null;
      editor.off('transaction', schedule);
      window.removeEventListener('resize', schedule);
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [editor, schedule]);

  return useCallback((id: string, element: HTMLElement | null) => {
    const previous = elements.current.get(id);
    if (previous === element) return;
    if (previous) observer.current?.unobserve(previous);
    if (element) {
      elements.current.set(id, element);
      observer.current?.observe(element);
    } else {
      elements.current.delete(id);
    }
  }, []);
}
