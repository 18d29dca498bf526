import { useEffect, useMemo, useState } from 'react';
import type { CommentPeriod } from '../../shared/comments';
import { periodStatus, type PeriodStatus } from './commentPeriods';

/** How often the status is checked even when nothing is due (clock changes, sleep). */
const REFRESH_MS = 60_000;

/** Longest delay a browser timer takes (about 24.8 days); anything later is caught by the refresh. */
const MAX_TIMER_MS = 2_000_000_000;

/**
 * Where the draft stands on public comment now. It changes by itself the moment a period starts
 * or ends (a timer for the next boundary), and whenever the periods change.
 */
export function usePeriodStatus(periods: readonly CommentPeriod[]): PeriodStatus {
  const [now, setNow] = useState(() => Date.now());
  const status = useMemo(() => periodStatus(periods, now), [periods, now]);
  useEffect(() => {
    const refresh = () => setNow(Date.now());
    const interval = window.setInterval(refresh, REFRESH_MS);
    const wake =
      status.changesAt === null
        ? null
        : window.setTimeout(refresh, Math.min(Math.max(0, status.changesAt - Date.now()) + 50, MAX_TIMER_MS));
    return () => {
      window.clearInterval(interval);
      if (wake !== null) window.clearTimeout(wake);
    };
  }, [status.changesAt]);
  return status;
}
