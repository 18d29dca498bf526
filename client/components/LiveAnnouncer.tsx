import { useEffect, useRef, useState } from 'react';
import { liveAnnouncements, type LiveSnapshot } from './liveAnnouncements';

/**
 * A polite live region that tells screen-reader users what others did at the draft (see
 * `liveAnnouncements`), without interrupting them. The first snapshot (pass null until the
 * comments have loaded) only sets the scene: who is already here and what is already written are
 * not announced.
 */
export function LiveAnnouncer({ snapshot, readerId }: { snapshot: LiveSnapshot | null; readerId: string }) {
  const previous = useRef<LiveSnapshot | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (snapshot === null) return;
    const before = previous.current;
    previous.current = snapshot;
    if (before === null) return;
    const sentences = liveAnnouncements(before, snapshot, readerId);
    if (sentences.length > 0) setMessage(sentences.join(' '));
  }, [snapshot, readerId]);
  return (
    <div className="visually-hidden" aria-live="polite" role="status" data-testid="live-announcer">
      {message}
    </div>
  );
}
