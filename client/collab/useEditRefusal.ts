import { useCallback, useEffect, useState } from 'react';
import type { CollabSession } from './CollabSession';
import { discardLocalCopy } from './discardLocalCopy';

/** What {@link useEditRefusal} gives the page. */
export interface EditRefusal {
  /** The server's reason for the last refused change, until dismissed; null when there is none. */
  reason: string | null;
  dismiss: () => void;
  /** Bumped each time the local copy was discarded: open a new session when it changes. */
  generation: number;
}

/**
 * Listens for `edit-refused` events: the server refused a change this browser sent (the role
 * changed just before, or edits made offline came back after a downgrade). The reason is kept
 * for the page to show, and the local copy, which still holds the refused change, is discarded
 * so that a fresh session shows the text as everyone else has it.
 */
export function useEditRefusal(session: CollabSession | null): EditRefusal {
  const [reason, setReason] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (session === null) return;
    let discarding = false;
    return session.onCollabEvent((event) => {
      if (event.type !== 'edit-refused') return;
      setReason(event.reason);
      // One refusal is enough to start again; the ones that follow are about the same changes.
      if (discarding) return;
      discarding = true;
      void discardLocalCopy(session).then(() => setGeneration((n) => n + 1));
    });
  }, [session]);

  const dismiss = useCallback(() => setReason(null), []);
  return { reason, dismiss, generation };
}
