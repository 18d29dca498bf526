import { useCallback, useEffect, useRef, useState } from 'react';
import type { Suggestion } from '../../shared/suggestions';
import { listSuggestions } from '../api/suggestionsApi';
import type { CollabSession } from '../collab/CollabSession';

/** How long the text must rest before the list is read again after typing. */
const SETTLE_MS = 700;

/** The draft's suggestions and facilitator mode, kept live. */
export interface SuggestionsState {
  suggestions: Suggestion[];
  facilitatorMode: boolean;
  /** Reads them again now (after an action of this page). */
  refresh: () => void;
}

/**
 * The suggestions of an open draft: read from the API, and read again when the server says they
 * changed (`suggestions-changed`, `facilitator-mode`) and once the text has rested after any change
 * (typing in suggest mode makes and extends suggestions without an API call).
 */
export function useSuggestions(session: CollabSession): SuggestionsState {
  const [state, setState] = useState<{ suggestions: Suggestion[]; facilitatorMode: boolean }>({
    suggestions: [],
    facilitatorMode: false,
  });
  const reload = useRef<() => void>(() => undefined);
  const refresh = useCallback(() => reload.current(), []);

  useEffect(() => {
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      listSuggestions(session.draftId, current.signal).then(setState, () => undefined);
    };
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(load, SETTLE_MS);
    };
    reload.current = load;
    load();
    session.doc.on('update', settle);
    const off = session.onCollabEvent((event) => {
      if (event.type === 'suggestions-changed') load();
      if (event.type === 'facilitator-mode') setState((previous) => ({ ...previous, facilitatorMode: event.on }));
    });
    return () => {
      clearTimeout(timer);
      controller?.abort();
      session.doc.off('update', settle);
      off();
      reload.current = () => undefined;
    };
  }, [session]);

  return { ...state, refresh };
}
