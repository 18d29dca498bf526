import { CommentsPanel, type CommentsPanelProps } from '../comments/CommentsPanel';

/** Props of {@link CommentsMargin}. */
export interface CommentsMarginProps {
  /** The open draft's comments, text and outline; absent while the text is still opening. */
  comments?: CommentsPanelProps;
}

/** The margin right of the text: the comment threads beside the words they are about. */
export function CommentsMargin({ comments }: CommentsMarginProps) {
  return (
    <aside className="draft-margin" aria-label="Comments" data-testid="comments-margin">
      {comments ? (
        <CommentsPanel {...comments} />
      ) : (
        <>
          <p className="draft-margin__label">Comments</p>
          <p className="draft-margin__empty">Comments on clauses will appear here, beside the text they refer to.</p>
        </>
      )}
    </aside>
  );
}
