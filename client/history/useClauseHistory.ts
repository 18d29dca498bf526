import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { listClauseChanges, type ClauseChangeEntry } from '../api/historyApi';
import type { CollabSession } from '../collab/CollabSession';

/** How long the text must be quiet before the history is asked again after a change. */
export const REFRESH_AFTER_CHANGE_MS = 1200;
/** How often the history is asked again while the panel is shown and the text is quiet. */
export const REFRESH_INTERVAL_MS = 30_000;
/** Entries asked for: the server's maximum, which is several hours of busy drafting once grouped. */
const HISTORY_LIMIT = 500;

/** The history as the panel shows it. */
export type ClauseHistoryState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; changes: ClauseChangeEntry[] };

/**
 * The draft's history of who changed which clause, kept fresh while the caller is mounted (the
 * panel is shown): asked again shortly after the text changes (debounced, so a burst of typing
 * costs one request) and on an interval while the page is visible. A failed refresh keeps the
 * last good answer on screen.
 */
export function useClauseHistory(session: CollabSession): ClauseHistoryState {
  const [state, setState] = useState<ClauseHistoryState>({ kind: 'loading' });

  useEffect(() => {
    let controller: AbortController | null = null;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const refresh = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      listClauseChanges(session.draftId, { limit: HISTORY_LIMIT, signal: current.signal })
        .then((changes) => {
          if (!current.signal.aborted) setState({ kind: 'ready', changes });
        })
        .catch((caught: unknown) => {
          if (current.signal.aborted || stopped) return;
          const message = caught instanceof ApiError ? caught.message : 'The history could not be loaded.';
          setState((previous) => (previous.kind === 'ready' ? previous : { kind: 'error', message }));
        });
    };
    const refreshSoon = () => {
      clearTimeout(debounce);
      debounce = setTimeout(refresh, REFRESH_AFTER_CHANGE_MS);
    };
    const interval = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_INTERVAL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };

    refresh();
    session.doc.on('update', refreshSoon);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      controller?.abort();
      clearTimeout(debounce);
      clearInterval(interval);
      session.doc.off('update', refreshSoon);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [session]);

  return state;
}
