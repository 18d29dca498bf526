import type { CollabEvent } from '../shared/collab';
import type { ConnectionAccess } from './collab/ConnectionAccess';
import type { LiveEvent } from './collab/peers';
import { commentFor } from './comments/commentFor';
import { accessActor, visibleTo } from './review/ReviewActor';
import { cycleSummary } from './review/ReviewPresenter';

/**
 * Shapes a live event for one reader: what the collab socket sends them, or null for nothing. Each
 * instance runs it for its own connections, since readers differ in what they may see: a hidden
 * comment's body, a delegation's unsubmitted amendments, a cycle's counts for their delegation.
 * Readers who see the same get the same object, so that it is encoded once (`DocumentRegistry`).
 */
export function shapeLiveEvent(live: LiveEvent, access: ConnectionAccess): CollabEvent | null {
  switch (live.kind) {
    case 'everyone':
      return live.event;
    case 'comment':
      return { type: 'comment', comment: commentFor(live.comment, live.authorId, access) };
    case 'amendment':
      return visibleTo(live.record, accessActor(access)) ? { type: 'amendment', amendment: live.amendment } : null;
    case 'review-cycle': {
      // Counted once per role and delegation (all a reader's counts depend on), not once per connection.
      const key = `${access.role} ${access.affiliationId}`;
      let shaped = cycleSummaries.get(live);
      if (!shaped) cycleSummaries.set(live, (shaped = new Map()));
      let event = shaped.get(key);
      if (!event) {
        event = {
          type: 'review-cycle',
          cycle: cycleSummary(live.record, live.refs, live.amendments, accessActor(access)),
        };
        shaped.set(key, event);
      }
      return event;
    }
  }
}

/** The summaries of each review-cycle event already shaped, by the reader's role and delegation. */
const cycleSummaries = new WeakMap<LiveEvent, Map<string, CollabEvent>>();
