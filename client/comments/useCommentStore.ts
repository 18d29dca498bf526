import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useCurrentUser } from '../auth/useCurrentUser';
import type { CollabSession } from '../collab/CollabSession';
import { CommentStore, type CommentsState } from './CommentStore';

/**
 * The comments of the draft open in `session`, kept live while the caller is mounted. One store
 * per session; the signed-in person's id lets it tell them when the chair hides their comment.
 */
export function useCommentStore(session: CollabSession): CommentStore {
  const user = useCurrentUser();
  const viewerId = user.kind === 'signed-in' ? user.user.id : null;
  const store = useMemo(() => new CommentStore(session, viewerId), [session, viewerId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return store;
}

/** The store's state, re-rendering the caller whenever it changes. */
export function useCommentsState(store: CommentStore): CommentsState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
