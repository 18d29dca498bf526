import { useState } from 'react';
import { Link } from 'react-router';
import { REVIEW_PHASES, REVIEW_PHASE_LABELS, phaseIsDue, submissionClosed } from '../../shared/review/reviewPhases';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { ReviewCycle } from '../../shared/review/types';
import type { Role } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { formatAbsolute } from '../components/formatTimestamp';
import { versionPath } from '../versions/versionPaths';
import { phaseAction } from './amendmentActions';
import { OfferedButton } from './OfferedButton';
import { moveCyclePhase } from './reviewApi';
import { useNow } from '../comments/useNow';
import { formatPlannedDay } from './reviewSchedule';

/** Props of {@link CycleBanner}. */
export interface CycleBannerProps {
  cycle: ReviewCycle;
  role: Role | null;
  onMoved: (cycle: ReviewCycle) => void;
}

/**
 * What the banner says once the current phase's planned end is over: the chair is told to move the
 * review on; everyone is told that submissions are closed. Null while the phase is on time.
 */
function dueNotice(cycle: ReviewCycle, movesPhases: boolean, now: Date): string | null {
  if (!phaseIsDue(cycle.phase, cycle.schedule, now)) return null;
  const phase = cycle.phase as Exclude<ReviewPhase, 'closed'>;
  const planned = `“${REVIEW_PHASE_LABELS[phase]}” was planned to end on ${formatPlannedDay(cycle.schedule[phase])}.`;
  if (movesPhases) return `${planned} Move the review to the next phase when the room is ready.`;
  return cycle.phase === 'submission' ? (submissionClosed(cycle.schedule, now) ?? planned) : planned;
}

/**
 * The head of a review cycle: its name, its base version and, once consolidated, the version it
 * made; the phases in order with their planned end dates (done, current, to come), and for the
 * chair the button that moves it to the next phase (asking first: a phase never moves back). The
 * server's refusal is shown beside it.
 */
export function CycleBanner({ cycle, role, onMoved }: CycleBannerProps) {
  const action = phaseAction(cycle, role);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = REVIEW_PHASES.indexOf(cycle.phase);
  const now = useNow(60_000);
  const due = dueNotice(cycle, action !== null, new Date(now));

  const move = async () => {
    if (action === null) return;
    setBusy(true);
    setError(null);
    try {
      onMoved(await moveCyclePhase(cycle.draftId, cycle.id, action.value));
      setConfirming(false);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The phase could not be changed. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cycle-banner" aria-label="Review cycle" data-testid="cycle-banner" data-phase={cycle.phase}>
      <div className="cycle-banner__what">
        <p className="cycle-banner__kicker">Periodic review</p>
        <h1 className="cycle-banner__name" data-testid="cycle-name">
          {cycle.name}
        </h1>
        <p className="cycle-banner__meta">
          Reviews <Link to={versionPath(cycle.draftId, cycle.baseVersion.id)}>{cycle.baseVersion.label}</Link> · opened
          by {cycle.openedBy.name} · in this phase since{' '}
          <time dateTime={cycle.phaseChangedAt}>{formatAbsolute(cycle.phaseChangedAt)}</time>
          {cycle.consolidated !== null && (
            <>
              {' '}
              · consolidated as{' '}
              <Link to={versionPath(cycle.draftId, cycle.consolidated.versionId)} data-testid="cycle-consolidated-link">
                {cycle.consolidated.label}
              </Link>
            </>
          )}
        </p>
      </div>
      <ol className="phase-track" aria-label="Phases">
        {REVIEW_PHASES.map((phase, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'next';
          return (
            <li
              key={phase}
              className={`phase-track__step phase-track__step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
              data-testid={`phase-${phase}`}
              data-state={state}
            >
              <span className="phase-track__label">{REVIEW_PHASE_LABELS[phase]}</span>
              {phase !== 'closed' && (
                <span className="phase-track__date">until {formatPlannedDay(cycle.schedule[phase])}</span>
              )}
            </li>
          );
        })}
      </ol>
      {due !== null && (
        <p className="cycle-banner__due" role="status" data-testid="phase-due">
          {due}
        </p>
      )}
      {action !== null && (
        <div className="cycle-banner__actions">
          {!confirming && (
            <OfferedButton action={action} tone="primary" onClick={() => setConfirming(true)} testId="move-phase" />
          )}
          {confirming && (
            <div className="cycle-banner__confirm" role="group" aria-label="Confirm the phase change">
              <span>
                Move the cycle to <strong>{REVIEW_PHASE_LABELS[action.value]}</strong>? Phases never move back.
              </span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setConfirming(false)}
                disabled={busy}
              >
                Cancel
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void move()}
                disabled={busy}
                data-testid="move-phase-confirm"
              >
                {busy ? 'Moving…' : 'Move'}
              </button>
            </div>
          )}
          {error !== null && (
            <p className="field__hint field__hint--error" role="alert" data-testid="move-phase-error">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
