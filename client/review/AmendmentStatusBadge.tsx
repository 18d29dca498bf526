import { AMENDMENT_STATUS_LABELS, type AmendmentStatus } from '../../shared/review/amendmentStatus';

/** An amendment's status as a small coloured label (Submitted, Adopted …). */
export function AmendmentStatusBadge({ status }: { status: AmendmentStatus }) {
  return (
    <span
      className={`amendment-status amendment-status--${status}`}
      data-testid="amendment-status"
      data-status={status}
    >
      {AMENDMENT_STATUS_LABELS[status]}
    </span>
  );
}

/** The "New" marker of something changed since the reader last marked the cycle as seen. */
export function NewMarker() {
  return (
    <span className="new-marker" data-testid="amendment-new" title="Changed since you last marked this review as seen">
      New
    </span>
  );
}
