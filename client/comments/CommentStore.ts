import type { CollabEvent } from '../../shared/collab';
import type { Comment, CommentPeriod } from '../../shared/comments';
import type { Affiliation, Role } from '../../shared/roles';
import { getDraft } from '../api/draftsApi';
import type { CollabSession } from '../collab/CollabSession';
import { LiveCollabStore, type LiveReadState } from '../collab/LiveCollabStore';
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
export interface CommentsState extends LiveReadState {
  /** Every comment, threads and replies, oldest first. */
  comments: readonly Comment[];
  periods: readonly CommentPeriod[];
  /** The reader's role on the draft, or null until known. */
  role: Role | null;
  /** Delegations and organisations a comment may mention. */
  affiliations: readonly Affiliation[];
  notices: readonly CommentNotice[];
}

const initialState: CommentsState = {
  phase: 'loading',
  error: null,
  comments: [],
  periods: [],
  role: null,
  affiliations: [],
  notices: [],
};

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
export class CommentStore extends LiveCollabStore<CommentsState, CollabEvent> {
  constructor(
    session: CollabSession,
    /** The signed-in reader's id, to recognise their own comments; null if not known. */
    private readonly viewerId: string | null,
  ) {
    super(session, initialState, 'The comments could not be loaded. Try again in a moment.');
  }

  /** Reads the comments, the periods and the reader's role. */
  protected async read(signal: AbortSignal): Promise<Partial<CommentsState>> {
    const [list, draft] = await Promise.all([listComments(this.draftId, signal), getDraft(this.draftId, signal)]);
    return { comments: [...list.comments].sort(byCreation), periods: list.periods, role: draft.role };
  }

  protected readEvent(event: CollabEvent): CollabEvent | null {
    return readEvent(event);
  }

  protected override started(): void {
    listAffiliations()
      .then((affiliations) => this.isRunning && this.update({ affiliations }))
      .catch(() => {
        // Mentions are optional: without the list, comments still work.
      });
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

  protected apply(event: CollabEvent, live: boolean): void {
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
      notices = [
        ...notices.filter((notice) => notice.commentId !== comment.id),
        {
          id: `${comment.id}:${comment.hidden?.at ?? ''}`,
          commentId: comment.id,
          reason: comment.hidden?.reason ?? '',
        },
      ];
    }
    if (comment.hidden === null && notices.some((notice) => notice.commentId === comment.id)) {
      notices = notices.filter((notice) => notice.commentId !== comment.id);
    }
    this.update({ comments, notices });
  }
}
