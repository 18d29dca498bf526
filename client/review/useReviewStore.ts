import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { CollabSession } from '../collab/CollabSession';
import { ReviewStore, type ReviewState } from './ReviewStore';

/** The review cycle `cycleId` of the draft open in `session`, kept live while the caller is mounted. */
export function useReviewStore(session: CollabSession, cycleId: string, affiliationId: string): ReviewStore {
  const store = useMemo(() => new ReviewStore(session, cycleId, affiliationId), [session, cycleId, affiliationId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return store;
}

/** The store's state, re-rendering the caller whenever it changes. */
export function useReviewState(store: ReviewStore): ReviewState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
