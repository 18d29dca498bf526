import { useCallback, useEffect, useRef, useState } from 'react';
import type { CollabEvent } from '../../shared/collab';
import type { CollabSession } from '../collab/CollabSession';

/** How long the text must rest before a resource derived from it is read again. */
const SETTLE_MS = 700;
/**
 * The least time between two reads caused by typing (others' or one's own): in a plenary, many
 * people type at once, and each open page would otherwise read the resource after every pause.
 */
const MIN_INTERVAL_MS = 3000;

/**
 * Something of an open draft read from the API and kept live: read again when the server pushes
 * one of `events` on the collab socket, and (with `followTyping`) once the text has rested after
 * any change, at most every few seconds (words typed in the text make suggestions and move
 * brackets without an API call). `onEvent` may fold an event
 * into the state instead (an updater). `refresh` reads it again now (after an action of this page).
 */
export function useLiveResource<T>(
  session: CollabSession,
  load: (draftId: string, signal: AbortSignal) => Promise<T>,
  initial: T,
  onEvent: (event: CollabEvent) => ((state: T) => T) | 'reload' | null,
  /** Whether to read again after typing at all (false for readers, who see the marks in the text live). */
  followTyping = true,
): { value: T; refresh: () => void } {
  const [value, setValue] = useState<T>(initial);
  const reload = useRef<() => void>(() => undefined);
  const refresh = useCallback(() => reload.current(), []);
  // The functions may be new on every render; the effect takes the first ones, as the session does.
  const callbacks = useRef({ load, onEvent });

  useEffect(() => {
    const { load: read, onEvent: fold } = callbacks.current;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRead = 0;
    const fetchNow = () => {
      lastRead = Date.now();
      controller?.abort();
      const current = new AbortController();
      controller = current;
      read(session.draftId, current.signal).then(setValue, () => undefined);
    };
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(fetchNow, Math.max(SETTLE_MS, lastRead + MIN_INTERVAL_MS - Date.now()));
    };
    reload.current = fetchNow;
    fetchNow();
    if (followTyping) session.doc.on('update', settle);
    const off = session.onCollabEvent((event) => {
      const change = fold(event);
      if (change === 'reload') fetchNow();
      else if (change !== null) setValue(change);
    });
    return () => {
      clearTimeout(timer);
      controller?.abort();
      session.doc.off('update', settle);
      off();
      reload.current = () => undefined;
    };
  }, [session, followTyping]);

  return { value, refresh };
}
