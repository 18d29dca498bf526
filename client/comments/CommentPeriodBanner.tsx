import { useState } from 'react';
import { can } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { formatAbsolute } from '../components/formatTimestamp';
import type { CommentStore } from './CommentStore';
import { OpenPeriodForm } from './OpenPeriodForm';
import { useCommentsState } from './useCommentStore';
import { usePeriodStatus } from './usePeriodStatus';

/** Props of {@link CommentPeriodBanner}. */
export interface CommentPeriodBannerProps {
  store: CommentStore;
}

/**
 * The public comment period, above the text for everyone: open (until when), scheduled (from when),
 * or none, and what that means for observers. The chair opens and closes periods here.
 */
export function CommentPeriodBanner({ store }: CommentPeriodBannerProps) {
  const { periods, role } = useCommentsState(store);
  const status = usePeriodStatus(periods);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Until the reader's role is known, any sentence here could be the wrong one.
  if (role === null) return null;
  const manager = can(role ?? undefined, 'comment-period:manage');
  const observer = role === 'observer';
  const shown = status.open ?? status.upcoming;

  const close = async (periodId: string) => {
    setError(null);
    try {
      await store.closePeriod(periodId);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The comment period could not be closed. Try again.');
    }
  };

  let message: string;
  let state: 'open' | 'upcoming' | 'none';
  if (status.open !== null) {
    state = 'open';
    const who = observer ? ' You can comment on the text and reply to threads.' : ' Observers can comment.';
    message = `Public comment period open until ${formatAbsolute(status.open.endsAt)}.${who}`;
  } else if (status.upcoming !== null) {
    state = 'upcoming';
    const { startsAt, endsAt } = status.upcoming;
    const who = observer ? ' You can comment once it opens.' : '';
    message = `Public comment period scheduled from ${formatAbsolute(startsAt)} to ${formatAbsolute(endsAt)}.${who}`;
  } else {
    state = 'none';
    message = observer
      ? 'No public comment period is open. Observers can read every comment, and can comment once the chair opens a comment period.'
      : 'No public comment period is open: observers can read comments but not add them.';
  }

  return (
    <div
      className={`period-banner period-banner--${state}`}
      role="status"
      data-testid="comment-period-banner"
      data-state={state}
    >
      <span className="period-banner__dot" aria-hidden="true" />
      <span className="period-banner__message" data-testid="comment-period-message">
        {message}
      </span>
      {manager && !opening && (
        <span className="period-banner__actions">
          {shown !== null && (
            <button
              type="button"
              className="comment-button comment-button--quiet"
              data-testid="close-period"
              onClick={() => void close(shown.id)}
            >
              {status.open !== null ? 'Close now' : 'Cancel it'}
            </button>
          )}
          {status.open === null && (
            <button
              type="button"
              className="comment-button comment-button--secondary"
              data-testid="open-period"
              onClick={() => setOpening(true)}
            >
              Open a comment period…
            </button>
          )}
        </span>
      )}
      {opening && (
        <OpenPeriodForm
          onCancel={() => setOpening(false)}
          onOpen={async (startsAt, endsAt) => {
            await store.openPeriod(startsAt, endsAt);
            setOpening(false);
          }}
        />
      )}
      {error !== null && (
        <span className="period-banner__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
