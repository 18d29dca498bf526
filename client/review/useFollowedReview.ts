import { useEffect, useEffectEvent, useMemo, useSyncExternalStore } from 'react';
import type { ReviewCycle } from '../../shared/review/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import type { CollabSession } from '../collab/CollabSession';
import { listCycles } from './reviewApi';
import { reviewCycleSchema } from './reviewSchemas';
import { ReviewStore, type ReviewState } from './ReviewStore';

/** The periodic review as the draft page follows it. */
export interface FollowedReview {
  /** The draft's review cycles as read: loading, a sentence to show, or ready. */
  cycles: QueryState<readonly ReviewCycle[]>;
  /** The cycle the page follows (see {@link followedCycle}), as it is now; null while loading or when there is none. */
  cycle: ReviewCycle | null;
  /** That cycle and its amendments, kept live; null when no cycle is followed. */
  review: ReviewState | null;
}

/** The cycle the draft page follows: the newest still open, or else the newest. */
export function followedCycle(cycles: readonly ReviewCycle[]): ReviewCycle | null {
  const newestFirst = [...cycles].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return newestFirst.find((cycle) => cycle.phase !== 'closed') ?? newestFirst[0] ?? null;
}

/** Whether news of `cycle` may change which cycle is followed: one not read yet, or one whose change moves the choice. */
function mayChangeFollowed(cycles: readonly ReviewCycle[], cycle: ReviewCycle): boolean {
  if (!cycles.some((known) => known.id === cycle.id)) return true;
  const updated = cycles.map((known) => (known.id === cycle.id ? cycle : known));
  return followedCycle(updated)?.id !== followedCycle(cycles)?.id;
}

const noSubscription = () => () => {};
const noReview = (): ReviewState | null => null;

/**
 * The review cycle the draft page follows and its amendments, live, read once for the whole page:
 * the side panel's Review tab and the gutter badges of the text both show this. The followed
 * cycle's amendments and phase come from a {@link ReviewStore} (the live `amendment` and
 * `review-cycle` events applied as they arrive, everything read again after a reconnection); the
 * list of cycles is read again only when an event or a reconnection may change which one is
 * followed (a cycle opened, say), not on every amendment.
 */
export function useFollowedReview(session: CollabSession, affiliationId: string): FollowedReview {
  const draftId = session.draftId;
  const cycles = useApiQuery(
    `review-cycles:${draftId}`,
    (signal) => listCycles(draftId, signal),
    'The periodic review could not be loaded.',
  );
  const listed = cycles.state.kind === 'ready' ? cycles.state.data : null;
  const followed = listed === null ? null : followedCycle(listed);
  const cycleId = followed?.id ?? null;

  const store = useMemo(
    () => (cycleId === null ? null : new ReviewStore(session, cycleId, affiliationId)),
    [session, cycleId, affiliationId],
  );
  useEffect(() => {
    if (store === null) return;
    store.start();
    return () => store.stop();
  }, [store]);
  const review = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getState ?? noReview);

  const { reload } = cycles;
  const onCycleEvent = useEffectEvent((cycle: ReviewCycle) => {
    if (listed === null || mayChangeFollowed(listed, cycle)) reload();
  });
  useEffect(() => {
    let wasConnected = session.getStatus().connection === 'connected';
    const offEvents = session.onCollabEvent((event) => {
      if (event.type !== 'review-cycle') return;
      const parsed = reviewCycleSchema.safeParse(event.cycle);
      if (parsed.success) onCycleEvent(parsed.data);
    });
    // A cycle opened while this page was disconnected would otherwise go unseen.
    const offStatus = session.subscribe(() => {
      const connected = session.getStatus().connection === 'connected';
      if (connected && !wasConnected) reload();
      wasConnected = connected;
    });
    return () => {
      offEvents();
      offStatus();
    };
  }, [session, reload]);

  return { cycles: cycles.state, cycle: review?.cycle ?? followed, review };
}
