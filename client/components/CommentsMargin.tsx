/** The margin right of the text, reserved for comments on clauses. */
export function CommentsMargin() {
  return (
    <aside className="draft-margin" aria-label="Comments">
      <p className="draft-margin__label">Comments</p>
      <p className="draft-margin__empty">Comments on clauses will appear here, beside the text they refer to.</p>
    </aside>
  );
}
