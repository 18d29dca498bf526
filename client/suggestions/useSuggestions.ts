import { useMemo } from 'react';
import type { Suggestion } from '../../shared/suggestions';
import { listSuggestions } from '../api/suggestionsApi';
import type { CollabSession } from '../collab/CollabSession';
import { useLiveResource } from './useLiveResource';

/** The draft's suggestions and facilitator mode, kept live. */
export interface SuggestionsState {
  suggestions: Suggestion[];
  facilitatorMode: boolean;
  /** Reads them again now (after an action of this page). */
  refresh: () => void;
}

const NONE = { suggestions: [] as Suggestion[], facilitatorMode: false };

/**
 * The suggestions of an open draft (see `useLiveResource`): read again when the server says they
 * changed (`suggestions-changed`) and, for those who act on them (`followTyping`), after typing;
 * facilitator mode follows its event at once.
 */
export function useSuggestions(session: CollabSession, followTyping: boolean): SuggestionsState {
  const { value, refresh } = useLiveResource(
    session,
    listSuggestions,
    NONE,
    (event) => {
      if (event.type === 'suggestions-changed') return 'reload';
      if (event.type === 'facilitator-mode') return (state) => ({ ...state, facilitatorMode: event.on });
      return null;
    },
    followTyping,
  );
  // The same object until they are read again (see `useMarkers`).
  return useMemo(() => ({ ...value, refresh }), [value, refresh]);
}
