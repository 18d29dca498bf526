import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { RefusalCode, refusalHeadline } from '../../shared/closeCodes';
import type { CollabSession } from './CollabSession';
import { discardLocalCopy } from './discardLocalCopy';
import { nextRestart } from './restartBudget';
import { type ReadingPlace, readingPlace } from './useKeptPlace';

/** A refused change as the page shows it. */
export interface ShownRefusal {
  code: RefusalCode;
  /** The short sentence for the code (`refusalHeadline`). */
  headline: string;
  /** The server's whole sentence with the particulars (which clause, which figure). */
  reason: string;
}

/** What {@link useEditRefusal} gives the page. */
export interface EditRefusal {
  /** The last refused change, until dismissed; null when there is none. */
  refusal: ShownRefusal | null;
  dismiss: () => void;
  /** Bumped each time the local copy was discarded: open a new session when it changes. */
  generation: number;
  /**
   * Where the person was reading when the change was refused (or the draft was restored): the
   * fresh session's text is built anew, and the page keeps their place (see `useKeptPlace`).
   */
  place: ReadingPlace | null;
}

/** The `edit-refused` event, checked: the socket is a boundary like the API. */
const refusedEvent = z.object({
  type: z.literal('edit-refused'),
  code: z.enum(RefusalCode),
  reason: z.string().min(1),
});

/** Shown when fresh sessions keep being refused: something other than the person's typing is at fault. */
export const REFUSAL_LOOP_MESSAGE =
  'The server keeps refusing changes from this window, so it has stopped sending them. Reload the page; ' +
  'if this happens again, tell the secretariat.';

/**
 * Listens for `edit-refused` events: the server refused a change this browser sent (a rule of the
 * person's role, a limit, the schema; or the role changed just before). The first refusal of a
 * session is kept for the page to show (what follows it on the same connection is only its
 * consequence), and the local copy, which still holds the refused change, is discarded so that
 * a fresh session shows the text as everyone else has it and never sends the change again. Should
 * fresh sessions keep being refused (see `restartBudget`), the page stops and says so instead.
 *
 * A refusal because the stored text cannot be read is not about this browser's change: the page
 * shows that state on its own, and the local copy is kept (it may be the last good text). When the
 * chair restores such a draft (`draft-recovered`), the local copy is discarded the same way and a
 * fresh session loads the restored text.
 */
export function useEditRefusal(session: CollabSession | null): EditRefusal {
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [generation, setGeneration] = useState(0);
  const restarts = useRef<number[]>([]);
  const [place, setPlace] = useState<ReadingPlace | null>(null);

  useEffect(() => {
    if (session === null) return;
    let discarding = false;
    return session.onCollabEvent((raw) => {
      if (raw.type === 'draft-recovered' && !discarding) {
        // The chair restored an unreadable draft: this copy predates it; load the restored text.
        discarding = true;
        setPlace(readingPlace());
        void discardLocalCopy(session).then(() => setGeneration((n) => n + 1));
        return;
      }
      if (raw.type !== 'edit-refused') return;
      const parsed = refusedEvent.safeParse(raw);
      // An event this version cannot read is still a refusal: the change is gone either way.
      const event = parsed.success
        ? parsed.data
        : { code: RefusalCode.NotAllowed, reason: 'The server refused a change from this window.' };
      if (event.code === RefusalCode.Unreadable || discarding) return;
      discarding = true;
      setPlace(readingPlace());
      setRefusal({ code: event.code, headline: refusalHeadline(event.code), reason: event.reason });
      // Refused because the server cannot save: not this window's doing, so it does not count towards stopping.
      const next =
        event.code === RefusalCode.StorageUnavailable
          ? { allowed: true, restarts: restarts.current }
          : nextRestart(restarts.current, Date.now());
      restarts.current = next.restarts;
      void discardLocalCopy(session).then(() => {
        if (next.allowed) setGeneration((n) => n + 1);
        else session.halt(REFUSAL_LOOP_MESSAGE);
      });
    });
  }, [session]);

  const dismiss = useCallback(() => setRefusal(null), []);
  return { refusal, dismiss, generation, place };
}
