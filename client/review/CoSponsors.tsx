import { useState } from 'react';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { Amendment } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import { affiliationLabel } from '../auth/affiliationLabel';
import { formatAbsolute, formatRelative } from '../components/formatTimestamp';
import { coSponsorOption, mayAnswerCoSponsors, type ReviewViewer } from './amendmentActions';

/** Props of {@link CoSponsors}. */
export interface CoSponsorsProps {
  amendment: Amendment;
  phase: ReviewPhase;
  viewer: ReviewViewer;
  onAsk: () => Promise<unknown>;
  onAnswer: (affiliationId: string, accept: boolean) => Promise<unknown>;
  onLeave: (affiliationId: string) => Promise<unknown>;
}

/**
 * Who stands behind an amendment: the sponsor delegation, the co-sponsors it accepted, and the
 * requests waiting for its answer. Another delegation asks to co-sponsor here; the sponsor
 * accepts or declines; a co-sponsor may leave (or withdraw its request).
 */
export function CoSponsors({ amendment, phase, viewer, onAsk, onAnswer, onLeave }: CoSponsorsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const option = coSponsorOption(amendment, phase, viewer);
  const accepted = amendment.coSponsors.filter((co) => co.status === 'accepted');
  const requested = amendment.coSponsors.filter((co) => co.status === 'requested');

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-block co-sponsors" aria-label="Sponsors" data-testid="co-sponsors">
      <h3 className="review-block__title">Sponsors</h3>
      <p className="co-sponsors__sponsor">
        <strong data-testid="amendment-sponsor">{affiliationLabel(amendment.sponsor)}</strong>
        <span className="muted"> · proposed by {amendment.createdBy.name}</span>
      </p>
      {accepted.length > 0 && (
        <ul className="co-sponsors__list" data-testid="co-sponsor-list">
          {accepted.map((co) => (
            <li
              key={co.affiliation.id}
              className="co-sponsors__entry"
              data-testid="co-sponsor"
              data-affiliation-id={co.affiliation.id}
            >
              <span>
                Co-sponsored by <strong>{affiliationLabel(co.affiliation)}</strong>
                {co.acceptedAt !== null && (
                  <time className="muted" dateTime={co.acceptedAt} title={formatAbsolute(co.acceptedAt)}>
                    {' '}
                    · {formatRelative(co.acceptedAt)}
                  </time>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {requested.length > 0 && (
        <ul className="co-sponsors__list co-sponsors__list--requests">
          {requested.map((co) => (
            <li
              key={co.affiliation.id}
              className="co-sponsors__entry co-sponsors__entry--request"
              data-testid="co-sponsor-request"
              data-affiliation-id={co.affiliation.id}
            >
              <span>
                <strong>{affiliationLabel(co.affiliation)}</strong> asks to co-sponsor
                <span className="muted"> ({co.requestedBy.name})</span>
              </span>
              {option.kind === 'sponsor' && mayAnswerCoSponsors(amendment, phase, viewer) && (
                <span className="co-sponsors__answer">
                  <button
                    type="button"
                    className="button button--secondary review-button--small"
                    disabled={busy}
                    onClick={() => void run(() => onAnswer(co.affiliation.id, true))}
                    data-testid="co-sponsor-accept"
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    className="button button--quiet review-button--small"
                    disabled={busy}
                    onClick={() => void run(() => onAnswer(co.affiliation.id, false))}
                    data-testid="co-sponsor-decline"
                  >
                    Decline
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {option.kind === 'ask' && (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void run(onAsk)}
          data-testid="co-sponsor-ask"
        >
          Ask to co-sponsor
        </button>
      )}
      {option.kind === 'requested' && (
        <p className="co-sponsors__mine">
          Your delegation has asked to co-sponsor; the sponsor has not answered yet.{' '}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => void run(() => onLeave(viewer.affiliation.id))}
            data-testid="co-sponsor-cancel"
          >
            Withdraw the request
          </button>
        </p>
      )}
      {option.kind === 'co-sponsor' && (
        <p className="co-sponsors__mine">
          Your delegation co-sponsors this amendment.{' '}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => void run(() => onLeave(viewer.affiliation.id))}
            data-testid="co-sponsor-leave"
          >
            Stop co-sponsoring
          </button>
        </p>
      )}
      {error !== null && (
        <p className="field__hint field__hint--error" role="alert" data-testid="co-sponsor-error">
          {error}
        </p>
      )}
    </section>
  );
}
