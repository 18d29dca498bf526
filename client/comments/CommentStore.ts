import type { CollabEvent } from '../../shared/collab';
import type { Comment, CommentPeriod } from '../../shared/comments';
import type { Affiliation, Role } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { getDraft } from '../api/draftsApi';
import type { CollabSession } from '../collab/CollabSession';
import {
  closeCommentPeriod,
  editComment,
  listAffiliations,
  listComments,
  openCommentPeriod,
  postComment,
  setCommentHidden,
  setThreadResolved,
  commentPeriodSchema,
  commentSchema,
  type NewComment,
} from './commentsApi';

/** Something the reader should be told once, beside the threads (their comment was hidden). */
export interface CommentNotice {
  id: string;
  commentId: string;
  reason: string;
}

/** Everything the comments UI shows about one draft; replaced (never mutated) on change. */
export interface CommentsState {
  phase: 'loading' | 'ready' | 'error';
  /** Why the comments could not be read, in a sentence; null when they could. */
  error: string | null;
  /** Every comment, threads and replies, oldest first. */
  comments: readonly Comment[];
  periods: readonly CommentPeriod[];
  /** The reader's role on the draft, or null until known. */
  role: Role | null;
  /** Delegations and organisations a comment may mention. */
  affiliations: readonly Affiliation[];
  notices: readonly CommentNotice[];
}

const initialState: CommentsState = { phase: 'loading', error: null, comments: [], periods: [], role: null, affiliations: [], notices: [] };

function byCreation(a: Comment, b: Comment): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An event from the collab socket, checked: the socket is a boundary like the API. */
function readEvent(event: CollabEvent): CollabEvent | null {
  switch (event.type) {
    case 'comment': {
      const parsed = commentSchema.safeParse(event.comment);
      return parsed.success ? { type: 'comment', comment: parsed.data } : null;
    }
    case 'comment-periods': {
      const parsed = commentPeriodSchema.array().safeParse(event.periods);
      return parsed.success ? { type: 'comment-periods', periods: parsed.data } : null;
    }
    default:
      return event;
  }
}

/**
 * The comments of one open draft, kept live: read from the API once, then changed by the events
 * the server pushes on the collab socket (a comment posted, edited, resolved, hidden or
 * re-anchored anywhere; the comment periods; the reader's role), and read again after every
 * reconnection so nothing missed while offline stays missing. What this page does itself
 * (post, edit, resolve, hide, open or close a period) goes through here too, so the answer shows
 * at once, before its echo arrives. Follows the `useSyncExternalStore` contract.
 */
export class CommentStore {
  private state: CommentsState = initialState;
  private readonly listeners = new Set<() => void>();
  private running = false;
  private unsubscribe: (() => void)[] = [];
  private loading: AbortController | null = null;
  /** Events that arrived while a full read was in flight: applied again over its answer. */
  private eventsDuringLoad: CollabEvent[] = [];
  private wasConnected = false;

  constructor(
    private readonly session: CollabSession,
    /** The signed-in reader's id, to recognise their own comments; null if not known. */
    private readonly viewerId: string | null,
  ) {}

  /** The draft these comments belong to. */
  get draftId(): string {
    return this.session.draftId;
  }

  /** Starts listening to the session and reads everything. Safe to call again after {@link stop}. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.wasConnected = this.session.getStatus().connection === 'connected';
    this.unsubscribe = [
      this.session.onCollabEvent((event) => this.onEvent(event)),
      this.session.subscribe(() => this.onStatus()),
    ];
    void this.reload();
    listAffiliations()
      .then((affiliations) => this.running && this.update({ affiliations }))
      .catch(() => {
        // Mentions are optional: without the list, comments still work.
      });
  }

  /** Stops listening and abandons any read in flight. */
  stop(): void {
    this.running = false;
    for (const off of this.unsubscribe.splice(0)) off();
    this.loading?.abort();
    this.loading = null;
  }

  /** Registers a listener for changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current state; the same object until something changes. */
  getState = (): CommentsState => this.state;

  /** Reads the comments, the periods and the reader's role again. */
  async reload(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.eventsDuringLoad = [];
    try {
      const [list, draft] = await Promise.all([listComments(this.draftId, controller.signal), getDraft(this.draftId, controller.signal)]);
      if (controller.signal.aborted) return;
      this.loading = null;
      this.update({ phase: 'ready', error: null, comments: [...list.comments].sort(byCreation), periods: list.periods, role: draft.role });
      for (const event of this.eventsDuringLoad.splice(0)) this.apply(event, false);
    } catch (caught) {
      if (controller.signal.aborted) return;
      this.loading = null;
      const message = caught instanceof ApiError ? caught.message : 'The comments could not be loaded. Try again in a moment.';
      // Comments already on screen stay there; only a first read that failed shows the error.
      this.update(this.state.phase === 'ready' ? {} : { phase: 'error', error: message });
    }
  }

  /** Posts a new thread or a reply; the comment shows at once. */
  async post(input: NewComment): Promise<Comment> {
    return this.keep(await postComment(this.draftId, input));
  }

  /** Rewrites the reader's own comment (within the edit window). */
  async edit(commentId: string, body: string): Promise<Comment> {
    return this.keep(await editComment(this.draftId, commentId, body));
  }

  /** Resolves or reopens a thread. */
  async setResolved(threadId: string, resolved: boolean): Promise<Comment> {
    return this.keep(await setThreadResolved(this.draftId, threadId, resolved));
  }

  /** Hides a comment with a reason, or shows it again (chair). */
  async setHidden(commentId: string, reason: string | null): Promise<Comment> {
    return this.keep(await setCommentHidden(this.draftId, commentId, reason));
  }

  /** Opens a comment period (chair). */
  async openPeriod(startsAt: Date, endsAt: Date): Promise<void> {
    const period = await openCommentPeriod(this.draftId, startsAt, endsAt);
    this.keepPeriod(period);
  }

  /** Closes a comment period now (chair). */
  async closePeriod(periodId: string): Promise<void> {
    this.keepPeriod(await closeCommentPeriod(this.draftId, periodId));
  }

  /** Forgets a notice once the reader has seen it. */
  dismissNotice(noticeId: string): void {
    this.update({ notices: this.state.notices.filter((notice) => notice.id !== noticeId) });
  }

  private keep(comment: Comment): Comment {
    this.upsert(comment, false);
    return comment;
  }

  private keepPeriod(period: CommentPeriod): void {
    const others = this.state.periods.filter((existing) => existing.id !== period.id);
    this.update({ periods: [...others, period].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) });
  }

  private onEvent(raw: CollabEvent): void {
    const event = readEvent(raw);
    if (event === null) return;
    if (this.loading !== null) this.eventsDuringLoad.push(event);
    this.apply(event, true);
  }

  private apply(event: CollabEvent, live: boolean): void {
    if (event.type === 'comment') this.upsert(event.comment, live);
    else if (event.type === 'comment-periods') this.update({ periods: event.periods });
    else if (event.type === 'role-changed') this.update({ role: event.role });
  }

  private upsert(comment: Comment, live: boolean): void {
    const previous = this.state.comments.find((existing) => existing.id === comment.id);
    const comments = previous
      ? this.state.comments.map((existing) => (existing.id === comment.id ? comment : existing))
      : [...this.state.comments, comment].sort(byCreation);
    let notices = this.state.notices;
    const newlyHidden = comment.hidden !== null && (previous === undefined || previous.hidden === null);
    if (live && newlyHidden && this.viewerId !== null && comment.author.id === this.viewerId) {
      notices = [...notices.filter((notice) => notice.commentId !== comment.id), { id: `${comment.id}:${comment.hidden?.at ?? ''}`, commentId: comment.id, reason: comment.hidden?.reason ?? '' }];
    }
    if (comment.hidden === null && notices.some((notice) => notice.commentId === comment.id)) {
      notices = notices.filter((notice) => notice.commentId !== comment.id);
    }
    this.update({ comments, notices });
  }

  private onStatus(): void {
    const connected = this.session.getStatus().connection === 'connected';
    // Events sent while this page was disconnected are lost: read everything again.
    if (connected && !this.wasConnected) void this.reload();
    this.wasConnected = connected;
  }

  private update(changes: Partial<CommentsState>): void {
    if (!this.running) return;
    this.state = { ...this.state, ...changes };
    for (const listener of [...this.listeners]) listener();
  }
}
