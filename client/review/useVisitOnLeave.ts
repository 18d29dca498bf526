import { useEffect } from 'react';
import { markCycleVisitedOnLeave } from './reviewApi';

/** Visits being recorded after an unmount, by cycle: a remount in the same tick cancels its own. */
const pending = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Marks the cycle as seen when the reader leaves its page: closing or reloading the tab, or going
 * elsewhere in the app. What changed until then is "new" on their next visit, not before, so
 * the markers stay while they read. An unmount followed at once by a mount of the same cycle
 * (React's development double-mount) is not a departure and records nothing.
 */
export function useVisitOnLeave(draftId: string, cycleId: string): void {
  useEffect(() => {
    const key = `${draftId}\u0000${cycleId}`;
    const waiting = pending.get(key);
    if (waiting !== undefined) {
      clearTimeout(waiting);
      pending.delete(key);
    }
    const leave = () => markCycleVisitedOnLeave(draftId, cycleId);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      pending.set(
        key,
        setTimeout(() => {
          pending.delete(key);
          leave();
        }, 0),
      );
    };
  }, [draftId, cycleId]);
}
