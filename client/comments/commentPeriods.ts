import { isPeriodOpen, type CommentPeriod } from '../../shared/comments';
import { can, type Role } from '../../shared/roles';

/** Where a draft stands on public comment at one moment. */
export interface PeriodStatus {
  /** The period open now (the one ending last, if several overlap), or null. */
  open: CommentPeriod | null;
  /** The next period that has been scheduled and not yet started, or null. */
  upcoming: CommentPeriod | null;
  /** When this status next changes by itself (a period starts or ends), or null if never. */
  changesAt: number | null;
}

/** The open and the next scheduled comment period at `now`, and when that changes. */
export function periodStatus(periods: readonly CommentPeriod[], now: number): PeriodStatus {
  const live = periods.filter((period) => period.closedAt === null);
  const open =
    live
      .filter((period) => isPeriodOpen(period, new Date(now)))
      .sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))[0] ?? null;
  const upcoming =
    live
      .filter((period) => Date.parse(period.startsAt) > now)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0] ?? null;
  const boundaries = live
    .flatMap((period) => [Date.parse(period.startsAt), Date.parse(period.endsAt)])
    .filter((time) => time > now);
  return { open, upcoming, changesAt: boundaries.length > 0 ? Math.min(...boundaries) : null };
}

/** Whether someone holding `role` may start a thread or reply now. */
export function mayComment(role: Role | null, status: Pick<PeriodStatus, 'open'>): boolean {
  if (role === null) return false;
  return can(role, 'comment:write') || (can(role, 'comment:write-in-period') && status.open !== null);
}
