import { useId, useState, type FormEvent } from 'react';
import { clauseLimitProblem } from '../../shared/documentLimits';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Conflict } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import { ClauseEditor } from './ClauseEditor';
import { clauseText } from '../../shared/outline';
import { FormFooter } from '../components/FormFooter';
import type { ResolutionStart } from './resolutionStarts';

/** Props of {@link ResolutionForm}. */
export interface ResolutionFormProps {
  conflict: Pick<Conflict, 'clauseId' | 'clauseNumber'>;
  /** The wording to start from: the current resolution's, an adopted amendment's, or the base clause. */
  initial: DocumentNodeJSON;
  initialNote: string;
  /** The wordings the chair can start again from, one click each. */
  starts?: readonly ResolutionStart[];
  /** Saves the resolution: the clauses that stand in place of the clause (none deletes it). */
  onSave: (clauses: DocumentNodeJSON[], note: string) => Promise<unknown>;
  onCancel: () => void;
  /** The save button's words ("Save resolution"). */
  submitLabel?: string;
}

/** Longest note on a resolution the form takes. */
const MAX_NOTE = 2000;

/**
 * The chair's resolution of a conflict: the final wording of the clause, written in the same
 * small editor of the draft's schema, or its deletion, with a note for the record.
 */
export function ResolutionForm({
  conflict,
  initial,
  initialNote,
  starts = [],
  onSave,
  onCancel,
  submitLabel = 'Save resolution',
}: ResolutionFormProps) {
  const id = useId();
  const [remove, setRemove] = useState(false);
  const [wording, setWording] = useState(initial);
  /** The wording the editor opened with, and which start it came from: a new start opens a new editor. */
  const [opened, setOpened] = useState({ key: 'initial', clause: initial, times: 0 });
  const startFrom = (start: ResolutionStart) => {
    setRemove(false);
    setWording(start.clause);
    setOpened({ key: start.key, clause: start.clause, times: opened.times + 1 });
  };
  const [note, setNote] = useState(initialNote);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!remove && clauseText(wording).trim() === '') {
      setError(`Write the final wording of ${conflict.clauseNumber}, or choose to delete it.`);
      return;
    }
    // The server's limits, with its sentence, before sending.
    const tooLarge = remove ? null : clauseLimitProblem(wording, 'The resolution');
    if (tooLarge !== null) {
      setError(tooLarge);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSave(remove ? [] : [wording], note.trim());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The resolution could not be saved. Try again.');
      setPending(false);
    }
  };

  return (
    <form
      className="review-form resolution-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={`Resolve ${conflict.clauseNumber}`}
      data-testid="resolution-form"
      data-clause-id={conflict.clauseId}
    >
      <div className="resolution-form__choice" role="radiogroup" aria-label="Resolution">
        <label className="decision-form__method">
          <input
            type="radio"
            name={`${id}-choice`}
            checked={!remove}
            onChange={() => setRemove(false)}
            data-testid="resolution-wording"
          />
          Final wording of {conflict.clauseNumber}
        </label>
        <label className="decision-form__method">
          <input
            type="radio"
            name={`${id}-choice`}
            checked={remove}
            onChange={() => setRemove(true)}
            data-testid="resolution-delete"
          />
          Delete {conflict.clauseNumber}
        </label>
      </div>
      {starts.length > 0 && (
        <div className="resolution-form__starts" role="group" aria-label="Start from">
          <span className="field__label">Start from</span>
          {starts.map((start) => (
            <button
              key={start.key}
              type="button"
              className="button button--secondary review-button--small"
              aria-pressed={opened.key === start.key}
              onClick={() => startFrom(start)}
              disabled={pending}
              data-testid="resolution-start"
              data-start={start.key}
            >
              {start.label}
            </button>
          ))}
        </div>
      )}
      {!remove && (
        <ClauseEditor
          key={opened.times}
          initial={opened.clause}
          onChange={setWording}
          label={`Final wording of ${conflict.clauseNumber}`}
          disabled={pending}
          testId="resolution-editor"
        />
      )}
      <label className="field__label" htmlFor={`${id}-note`}>
        Note <span className="review-form__optional">(optional)</span>
      </label>
      <textarea
        id={`${id}-note`}
        className="field__input review-form__textarea"
        rows={2}
        maxLength={MAX_NOTE}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        placeholder="How the conflict was settled, e.g. “Wording agreed in informal consultations”"
        data-testid="resolution-note"
      />
      <FormFooter
        error={error}
        errorTestId="resolution-error"
        pending={pending}
        onCancel={onCancel}
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        submitTestId="resolution-save"
        actionsClassName="review-form__actions"
      />
    </form>
  );
}
