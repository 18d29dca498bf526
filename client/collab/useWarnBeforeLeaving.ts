import { useEffect } from 'react';

/**
 * While `unsaved` holds, closing or reloading the window asks the browser's own "Leave site?"
 * question, so changes the server has not received yet are never dropped without a word. Nothing
 * is registered otherwise: a page with nothing to lose leaves at once (and stays in the
 * back/forward cache).
 */
export function useWarnBeforeLeaving(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
