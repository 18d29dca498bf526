import { useSyncExternalStore } from 'react';
import type { Outline } from '../../shared/outline';
import type { DraftOutlineStore } from './DraftOutlineStore';

/** The outline of the open text, re-rendering the caller at most once per frame, only when it changed. */
export function useDraftOutline(store: DraftOutlineStore): Outline {
  return useSyncExternalStore(store.subscribe, store.getOutline);
}

/** The id of the clause holding the caret, re-rendering the caller only when the caret moves to another clause. */
export function useCurrentClauseId(store: DraftOutlineStore): string | null {
  return useSyncExternalStore(store.subscribe, store.getCurrentClauseId);
}
