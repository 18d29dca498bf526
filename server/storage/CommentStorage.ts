import type { AnchorState, CommentAnchor } from '../../shared/comments';

/** Comments on a draft's text and the periods in which observers may comment. Part of {@link Storage}. */
export interface CommentStorage {
  createComment(comment: CommentRecord): Promise<CommentRecord>;
  getComment(id: string): Promise<CommentRecord | undefined>;
  /** A draft's comments, oldest first (threads read top to bottom). */
  listComments(draftId: string): Promise<CommentRecord[]>;
  updateComment(id: string, patch: CommentPatch): Promise<CommentRecord | undefined>;

  createCommentPeriod(period: CommentPeriodRecord): Promise<CommentPeriodRecord>;
  /** A draft's comment periods, newest first. */
  listCommentPeriods(draftId: string): Promise<CommentPeriodRecord[]>;
  closeCommentPeriod(id: string, by: string, at: Date): Promise<void>;
}

/** A comment or reply, anchored to a span of text or a whole clause. */
export interface CommentRecord {
  id: string;
  draftId: string;
  parentId: string | null;
  authorId: string;
  authorRole: 'chair' | 'delegate' | 'observer';
  body: string;
  anchor: CommentAnchor;
  anchorState: AnchorState;
  /** The words under a span anchor when last seen, to find them again after the clause moves. */
  anchorText: string | null;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  hiddenAt: string | null;
  hiddenBy: string | null;
  hiddenReason: string | null;
}

/** The parts of a comment that change after it is written. */
export type CommentPatch = Partial<
  Pick<
    CommentRecord,
    | 'body'
    | 'anchor'
    | 'anchorState'
    | 'anchorText'
    | 'editedAt'
    | 'resolvedAt'
    | 'resolvedBy'
    | 'hiddenAt'
    | 'hiddenBy'
    | 'hiddenReason'
  >
>;

/** A period in which observers may comment on a draft. */
export interface CommentPeriodRecord {
  id: string;
  draftId: string;
  startsAt: string;
  endsAt: string;
  openedBy: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}
