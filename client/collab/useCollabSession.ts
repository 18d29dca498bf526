import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { CollabSession, type CollabStatus } from './CollabSession';

/**
 * Opens the live session of one draft for as long as the calling component is mounted (and
 * reopens it when the id or `generation` changes: a new generation starts from a fresh document,
 * e.g. after the local copy was discarded). Null during the first render, before the effect has run.
 */
export function useCollabSession(draftId: string, generation = 0): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const opened = new CollabSession(draftId);
    // The session is an external system (websocket, IndexedDB) opened here and handed to render.
    // oxlint-disable-next-line react/set-state-in-effect
    setSession(opened);
    return () => {
      opened.destroy();
      setSession((current) => (current === opened ? null : current));
    };
    // `generation` is only a reason to open a new session; the session does not read it.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [draftId, generation]);
  return session;
}

const idleStatus: CollabStatus = {
  connection: 'connecting',
  unsyncedChanges: 0,
  hasContent: false,
  fatalError: null,
  contentRejected: false,
  notice: null,
  unreadable: null,
  cannotSave: false,
};

/** The session's status, re-rendering the caller whenever it changes. */
export function useCollabStatus(session: CollabSession | null): CollabStatus {
  const subscribe = useCallback((onChange: () => void) => session?.subscribe(onChange) ?? (() => {}), [session]);
  const getSnapshot = useCallback(() => session?.getStatus() ?? idleStatus, [session]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
