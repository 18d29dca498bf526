import { useEffect } from 'react';

/** Where a person is reading: the first clause in view and how far from the window's top it is. */
export interface ReadingPlace {
  clauseId: string;
  top: number;
}

/** How many frames (about a second) the page keeps the place while the fresh text is laid out. */
const FRAMES = 60;
/** What the person does that ends the keeping: they are moving on their own. */
const USER_MOVES = ['wheel', 'touchmove', 'keydown', 'mousedown'] as const;

function clauseElement(clauseId: string): Element | null {
  return document.querySelector(`.clause[data-clause-id="${CSS.escape(clauseId)}"]`);
}

/** The first clause on the page that starts in the window, or null (none does). */
export function readingPlace(): ReadingPlace | null {
  for (const clause of document.querySelectorAll('.clause[data-clause-id]')) {
    const { top } = clause.getBoundingClientRect();
    const clauseId = clause.getAttribute('data-clause-id');
    if (top >= 0 && top < window.innerHeight && clauseId) return { clauseId, top };
  }
  return null;
}

/**
 * After a refused change the page starts a fresh session and builds the text anew; meanwhile the
 * page is short, and the browser would leave the person at the top of the draft. Once the fresh
 * session's text is shown (`textShown`) for `generation`, this scrolls until the clause that was
 * in view when the change was refused (`place`) is where it was in the window again, a frame at
 * a time while the text is laid out (for about a second, and not once the person scrolls, types
 * or clicks).
 */
export function useKeptPlace(generation: number, place: ReadingPlace | null, textShown: boolean): void {
  useEffect(() => {
    if (generation === 0 || !textShown || place === null) return;
    let frames = 0;
    let frame = 0;
    const restore = (): void => {
      const clause = clauseElement(place.clauseId);
      const off = clause ? clause.getBoundingClientRect().top - place.top : Number.NaN;
      if (Math.abs(off) >= 1) window.scrollBy({ top: off, behavior: 'instant' });
      // The text goes on being laid out for a while (carets, locks, notes): kept all that time.
      if (++frames >= FRAMES) return stop();
      frame = requestAnimationFrame(restore);
    };
    // The person scrolling or typing takes over.
    const stop = (): void => {
      cancelAnimationFrame(frame);
      for (const type of USER_MOVES) window.removeEventListener(type, stop);
    };
    for (const type of USER_MOVES) window.addEventListener(type, stop, { passive: true });
    restore();
    return stop;
  }, [generation, place, textShown]);
}
