import { useId, useState, type FormEvent } from 'react';
import type { ClauseStatus } from '../../shared/clauses';
import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { LiveChangeDecision, ReviewCycle } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { consolidateCycle } from './reviewApi';
import type { ReviewStore } from './ReviewStore';

/** Why consolidating would be refused now, in a sentence; null when nothing stands in the way. */
export function whyBlocked(unresolved: number, undecided: readonly string[]): string | null {
  const reasons = [
    ...(unresolved > 0
      ? [`resolve ${unresolved === 1 ? 'the conflict' : `the ${unresolved} conflicts`} (write the final wording)`]
      : []),
    ...(undecided.length > 0
      ? [`keep or discard the live ${undecided.length === 1 ? 'change' : 'changes'} to ${undecided.join(', ')}`]
      : []),
  ];
  return reasons.length === 0 ? null : `Before consolidating, ${reasons.join(', and ')}.`;
}

/** Props of {@link ConsolidateAction}. */
export interface ConsolidateActionProps {
  cycle: ReviewCycle;
  /** Whether the reader's role consolidates a cycle (the chair's). */
  consolidates: boolean;
  /** Why the server would refuse now (conflicts unresolved, live changes undecided), or null. */
  blockedBecause: string | null;
  /** The chair's decision on each live change, sent with the request. */
  liveChanges: Record<string, LiveChangeDecision>;
  /** The status each clause an adopted amendment adds takes, by the amendment's label, sent with the request. */
  addedClauses: Record<string, ClauseStatus>;
  store: ReviewStore;
  /** Reads the plan again after a refusal (it said why; the plan shows what). */
  onRefused: () => void;
}

/** "The clause A-3 adds is agreed ad ref; the clause A-4 adds is agreed."; null when no clause is added. */
function addedSentence(addedClauses: Record<string, ClauseStatus>): string | null {
  const parts = Object.entries(addedClauses).map(
    ([label, status]) => `the clause ${label} adds is ${CLAUSE_STATUS_LABELS[status].toLowerCase()}`,
  );
  if (parts.length === 0) return null;
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/**
 * The chair's "Consolidate": a label and note for the new version, sent with the chair's decision
 * on each live change and the status of each added clause; disabled, saying why, while the server
 * would refuse. Once done, the consolidation's record takes its place.
 */
export function ConsolidateAction({
  cycle,
  consolidates,
  blockedBecause,
  liveChanges,
  addedClauses,
  store,
  onRefused,
}: ConsolidateActionProps) {
  const blocked = blockedBecause !== null;
  const id = useId();
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (cycle.consolidated !== null || !consolidates) return null;

  const kept = Object.values(liveChanges).filter((decision) => decision === 'keep').length;
  const added = addedSentence(addedClauses);
  const dropped = Object.values(liveChanges).filter((decision) => decision === 'discard').length;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!blocked) setConfirming(true);
  };
  const consolidate = async () => {
    setPending(true);
    setError(null);
    try {
      const answer = await consolidateCycle(cycle.draftId, cycle.id, {
        ...(label.trim() !== '' ? { label: label.trim() } : {}),
        ...(note.trim() !== '' ? { note: note.trim() } : {}),
        liveChanges,
        addedClauses,
      });
      setConfirming(false);
      store.keepCycle(answer.cycle);
    } catch (caught) {
      setConfirming(false);
      setError(caught instanceof ApiError ? caught.message : 'The cycle could not be consolidated. Try again.');
      if (caught instanceof ApiError && caught.status === 409) onRefused();
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="review-form consolidate-form"
      onSubmit={submit}
      aria-label="Consolidate"
      data-testid="consolidate-form"
    >
      <h3 className="review-block__title">Consolidate</h3>
      <p className="review-form__lede">
        Makes the live text {cycle.baseVersion.label} with the adopted amendments, your resolutions and the live changes
        you keep, and saves it as a new named version.
      </p>
      <div className="consolidate-form__fields">
        <div>
          <label className="field__label" htmlFor={`${id}-label`}>
            Version label <span className="review-form__optional">(empty: the next Rev. number)</span>
          </label>
          <input
            id={`${id}-label`}
            className="field__input"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder={`Rev.N after the ${cycle.name}`}
            maxLength={120}
            disabled={pending}
            data-testid="consolidate-label"
          />
        </div>
        <div>
          <label className="field__label" htmlFor={`${id}-note`}>
            Note <span className="review-form__optional">(optional)</span>
          </label>
          <input
            id={`${id}-note`}
            className="field__input"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={2000}
            disabled={pending}
            data-testid="consolidate-note"
          />
        </div>
      </div>
      {blockedBecause !== null && (
        <p className="field__hint" data-testid="consolidate-blocked">
          {blockedBecause}
        </p>
      )}
      {error !== null && (
        <p className="field__hint field__hint--error" role="alert" data-testid="consolidate-error">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Consolidate the ${cycle.name}?`}
          confirmLabel="Consolidate"
          busy={pending}
          onConfirm={() => void consolidate()}
          onCancel={() => setConfirming(false)}
          testId="consolidate-confirm"
        >
          <p>
            The live text becomes {cycle.baseVersion.label} with the adopted amendments and your resolutions
            {kept > 0 ? `, and the ${kept === 1 ? 'live change' : `${kept} live changes`} you keep` : ''}
            {dropped > 0 ? `; ${dropped === 1 ? 'one live change is' : `${dropped} live changes are`} dropped` : ''}. It
            is saved as a new version and the cycle closes; this cannot be undone.
          </p>
          {added !== null && <p data-testid="consolidate-confirm-added">{added}</p>}
        </ConfirmDialog>
      )}
      <div className="review-form__actions">
        <button
          type="submit"
          className={`button button--primary${blocked ? ' review-button--unavailable' : ''}`}
          aria-disabled={blocked || pending || undefined}
          title={blockedBecause ?? undefined}
          disabled={pending}
          onClick={(event) => {
            if (blocked) event.preventDefault();
          }}
          data-testid="consolidate-submit"
        >
          {pending ? 'Consolidating…' : 'Consolidate'}
        </button>
      </div>
    </form>
  );
}
