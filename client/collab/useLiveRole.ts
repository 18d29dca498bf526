import { useEffect, useState } from 'react';
import type { Role } from '../../shared/roles';
import type { CollabSession } from './CollabSession';

/**
 * The person's role on the draft: what the API said when the page opened, replaced at once by
 * every `role-changed` event the server pushes on the collab socket (the chair changed it while
 * the draft was open). Null while neither has said anything.
 */
export function useLiveRole(session: CollabSession | null, initial: Role | null): Role | null {
  const [live, setLive] = useState<{ session: CollabSession; role: Role } | null>(null);
  useEffect(() => {
    if (session === null) return;
    return session.onCollabEvent((event) => {
      if (event.type === 'role-changed') setLive({ session, role: event.role });
    });
  }, [session]);
  // A role pushed to an earlier session of the same page still holds: the server said it last.
  return live?.role ?? initial;
}
