import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

const ITEMS = 'button:not(:disabled)';

/** The keys that move focus within the group, and where each one goes. */
function targetIndex(key: string, index: number, count: number): number | null {
  if (key === 'ArrowDown') return Math.min(index + 1, count - 1);
  if (key === 'ArrowUp') return Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * Makes the buttons inside a container one tab stop (a roving tabindex): Tab reaches only the
 * last one used (at first the one marked `aria-current`, else the first), ↑/↓ move between them,
 * Home and End go to the ends, Enter or Space presses one. A long list (the outline of a draft)
 * no longer stands between the header and the text. Spread the returned handlers on the container.
 */
export function useRovingFocus<T extends HTMLElement>(): {
  ref: RefObject<T | null>;
  onKeyDown: (event: KeyboardEvent<T>) => void;
  onFocus: (event: FocusEvent<T>) => void;
} {
  const ref = useRef<T>(null);
  const active = useRef<HTMLElement | null>(null);

  const spread = () => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const stop =
      items.find((item) => item === active.current) ??
      items.find((item) => item.hasAttribute('aria-current')) ??
      items[0];
    for (const item of items) {
      const tabIndex = item === stop ? 0 : -1;
      // Written only where it differs: a draft's outline has hundreds of rows, rendered again as people type.
      if (item.tabIndex !== tabIndex) item.tabIndex = tabIndex;
    }
  };
  // After every render: rows come and go as the text changes, each must join as a non-stop.
  useLayoutEffect(spread);

  return {
    ref,
    onFocus: (event) => {
      if (!(event.target instanceof HTMLElement) || !event.target.matches(ITEMS)) return;
      active.current = event.target;
      spread();
    },
    onKeyDown: (event) => {
      const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
      const index = items.indexOf(document.activeElement as HTMLElement);
      const next = index < 0 ? null : targetIndex(event.key, index, items.length);
      if (next === null) return;
      event.preventDefault();
      items[next]!.focus();
    },
  };
}
