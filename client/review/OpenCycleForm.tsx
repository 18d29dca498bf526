import { useId, useState, type FormEvent } from 'react';
import { REVIEW_PHASE_LABELS } from '../../shared/review/reviewPhases';
import type { ReviewCycle, ReviewSchedule } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import type { DraftVersion } from '../api/versionsApi';
import { openCycle } from './reviewApi';
import { defaultSchedule, scheduleProblem, SCHEDULED_PHASES } from './reviewSchedule';
import { FormFooter } from '../components/FormFooter';

/** Props of {@link OpenCycleForm}. */
export interface OpenCycleFormProps {
  draftId: string;
  /** The draft's published versions: a cycle reviews one of them. */
  versions: readonly DraftVersion[];
  onOpened: (cycle: ReviewCycle) => void;
  onCancel: () => void;
}

/** Longest cycle name the form takes. */
const MAX_NAME = 120;

/**
 * The chair's form to open a round of the periodic review: its name ("2027 periodic review"),
 * the published version it reviews, and the planned end date of each phase.
 */
export function OpenCycleForm({ draftId, versions, onOpened, onCancel }: OpenCycleFormProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [baseVersionId, setBaseVersionId] = useState(versions[versions.length - 1]?.id ?? '');
  const [schedule, setSchedule] = useState<ReviewSchedule>(() => defaultSchedule(new Date()));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem =
      name.trim() === ''
        ? 'Give the cycle a name, such as “2027 periodic review”.'
        : baseVersionId === ''
          ? 'Choose the published version the cycle reviews.'
          : scheduleProblem(schedule);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setPending(true);
    setError(null);
    try {
      onOpened(await openCycle(draftId, { name: name.trim(), baseVersionId, schedule }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The review cycle could not be opened. Try again.');
      setPending(false);
    }
  };

  return (
    <form
      className="review-form open-cycle"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Open a review cycle"
      data-testid="open-cycle-form"
    >
      <div className="open-cycle__row">
        <div className="open-cycle__field open-cycle__field--wide">
          <label className="field__label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className="field__input"
            name="name"
            value={name}
            maxLength={MAX_NAME}
            placeholder="2027 periodic review"
            onChange={(event) => setName(event.target.value)}
            disabled={pending}
            autoFocus
          />
        </div>
        <div className="open-cycle__field">
          <label className="field__label" htmlFor={`${id}-base`}>
            Base version
          </label>
          <select
            id={`${id}-base`}
            className="field__input"
            name="baseVersionId"
            value={baseVersionId}
            onChange={(event) => setBaseVersionId(event.target.value)}
            disabled={pending}
          >
            {versions.map((version) => (
              <option key={version.id} value={version.id}>
                {version.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="open-cycle__schedule">
        <legend className="field__label">Planned end of each phase</legend>
        {SCHEDULED_PHASES.map((phase) => (
          <label key={phase} className="open-cycle__date">
            <span className="open-cycle__date-label">{REVIEW_PHASE_LABELS[phase]}</span>
            <input
              type="date"
              className="field__input"
              name={`schedule-${phase}`}
              value={schedule[phase]}
              onChange={(event) => setSchedule({ ...schedule, [phase]: event.target.value })}
              disabled={pending}
              required
            />
          </label>
        ))}
      </fieldset>
      <p className="field__hint">
        Delegations propose amendments to the base version’s clauses until you move the cycle on; the dates are the plan
        everyone sees.
      </p>
      <FormFooter
        error={error}
        errorTestId="open-cycle-error"
        pending={pending}
        onCancel={onCancel}
        submitLabel="Open the review cycle"
        pendingLabel="Opening…"
        submitTestId="open-cycle-submit"
        actionsClassName="review-form__actions"
      />
    </form>
  );
}
