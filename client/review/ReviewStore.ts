import type { CollabEvent } from '../../shared/collab';
import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { CollabSession } from '../collab/CollabSession';
import { LiveCollabStore, type LiveReadState } from '../collab/LiveCollabStore';
import { getCycle, markCycleVisited } from './reviewApi';
import { amendmentSchema, reviewCycleSchema } from './reviewSchemas';

/** Everything a review cycle's page shows about the cycle; replaced (never mutated) on change. */
export interface ReviewState extends LiveReadState {
  cycle: ReviewCycle | null;
  /** Every amendment the reader may see (other delegations' drafts are not among them). */
  amendments: readonly Amendment[];
  /** When the reader last marked the cycle as seen (null: never); later changes are "new". */
  lastVisitAt: string | null;
}

const initialState: ReviewState = { phase: 'loading', error: null, cycle: null, amendments: [], lastVisitAt: null };

/** The live events the review listens to. */
type ReviewEvent =
  | { type: 'review-cycle'; cycle: ReviewCycle }
  | { type: 'amendment'; amendment: Amendment }
  /** The draft's pillars changed: a removed pillar's tags were moved or dropped on the amendments too. */
  | { type: 'pillars' };

/** The event, checked (the socket is a boundary like the API), or null if it is not the review's or does not parse. */
function readEvent(event: CollabEvent): ReviewEvent | null {
  if (event.type === 'review-cycle') {
    const parsed = reviewCycleSchema.safeParse(event.cycle);
    return parsed.success ? { type: 'review-cycle', cycle: parsed.data } : null;
  }
  if (event.type === 'amendment') {
    const parsed = amendmentSchema.safeParse(event.amendment);
    return parsed.success ? { type: 'amendment', amendment: parsed.data } : null;
  }
  if (event.type === 'pillars') return { type: 'pillars' };
  return null;
}

/**
 * One review cycle kept live: read from the API once, then changed by the `review-cycle` and
 * `amendment` events the server pushes on the draft's collab socket (a phase moved, an amendment
 * tabled, co-sponsored, supported, objected to or decided, by anyone), and read again after
 * every reconnection so nothing missed while offline stays missing, and when the draft's pillars
 * change (the amendments' tags follow them). What this page does itself
 * goes through {@link keep}, so the answer shows at once, before its echo arrives. Follows the
 * `useSyncExternalStore` contract.
 */
export class ReviewStore extends LiveCollabStore<ReviewState, ReviewEvent> {
  constructor(
    session: CollabSession,
    readonly cycleId: string,
    /** The reader's delegation or organisation: its own drafts are the only drafts it sees. */
    private readonly affiliationId: string,
  ) {
    super(session, initialState, 'The review cycle could not be loaded. Try again in a moment.');
  }

  protected async read(signal: AbortSignal): Promise<Partial<ReviewState>> {
    const answer = await getCycle(this.draftId, this.cycleId, signal);
    return { cycle: answer.cycle, amendments: answer.amendments, lastVisitAt: answer.lastVisitAt };
  }

  protected readEvent(event: CollabEvent): ReviewEvent | null {
    return readEvent(event);
  }

  /** Shows an amendment as the server answered an action on it. */
  keep(amendment: Amendment): Amendment {
    this.upsert(amendment, true);
    return amendment;
  }

  /** Shows the cycle as the server answered an action on it. */
  keepCycle(cycle: ReviewCycle): ReviewCycle {
    if (cycle.id === this.cycleId) this.update({ cycle });
    return cycle;
  }

  /** Marks everything as seen now: the "New" markers go. */
  async markSeen(): Promise<void> {
    const lastVisitAt = await markCycleVisited(this.draftId, this.cycleId);
    this.update({ lastVisitAt });
  }

  protected apply(event: ReviewEvent, live: boolean): void {
    if (event.type === 'review-cycle') this.keepCycle(event.cycle);
    else if (event.type === 'amendment') this.upsert(event.amendment, false);
    // The amendments are read again with their new tags (a read under way has them already).
    else if (live) void this.reload();
  }

  private upsert(amendment: Amendment, own: boolean): void {
    if (amendment.cycleId !== this.cycleId) return;
    const known = this.state.amendments.some((existing) => existing.id === amendment.id);
    // Another delegation's unsubmitted draft is theirs alone, whatever the socket relays.
    if (!known && !own && amendment.status === 'draft' && amendment.sponsor.id !== this.affiliationId) return;
    const previous = this.state.amendments.find((existing) => existing.id === amendment.id);
    // An echo older than what is shown (events can cross an action's own answer) changes nothing.
    if (previous !== undefined && Date.parse(previous.updatedAt) > Date.parse(amendment.updatedAt)) return;
    const amendments = known
      ? this.state.amendments.map((existing) => (existing.id === amendment.id ? amendment : existing))
      : [...this.state.amendments, amendment];
    this.update({ amendments });
  }
}
