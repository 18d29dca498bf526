import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError';
import { createVersion, type DraftVersion } from '../api/versionsApi';
import { FormFooter } from '../components/FormFooter';

/** Longest label and note the server accepts (`createVersionBody`). */
const MAX_LABEL = 120;
const MAX_NOTE = 2000;

/** Props of {@link SaveVersionForm}. */
export interface SaveVersionFormProps {
  draftId: string;
  /** A label to suggest ("Rev.2"), shown as the placeholder. */
  suggestedLabel: string;
  onSaved: (version: DraftVersion) => void;
  onCancel: () => void;
}

/**
 * The chair's form to save the live text, as everyone has it now, as a named version: a label
 * ("Zero draft", "Rev.1") and a note saying what changed or why.
 */
export function SaveVersionForm({ draftId, suggestedLabel, onSaved, onCancel }: SaveVersionFormProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (label.trim() === '') {
      setError(`Give the version a label, such as “${suggestedLabel}”.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      onSaved(await createVersion(draftId, { label: label.trim(), note: note.trim() }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The version could not be saved. Try again.');
      setPending(false);
    }
  };

  return (
    <form
      className="save-version"
      onSubmit={submit}
      noValidate
      aria-label="Save a version"
      data-testid="save-version-form"
    >
      <label className="field__label" htmlFor={`${id}-label`}>
        Label
      </label>
      <input
        id={`${id}-label`}
        className="field__input"
        name="label"
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        placeholder={suggestedLabel}
        maxLength={MAX_LABEL}
        aria-invalid={error !== null && label.trim() === ''}
        disabled={pending}
        autoFocus
      />
      <label className="field__label save-version__note-label" htmlFor={`${id}-note`}>
        Note <span className="save-version__optional">(optional)</span>
      </label>
      <textarea
        id={`${id}-note`}
        className="field__input save-version__note"
        name="note"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        placeholder="What this version is, e.g. “Circulated after the second reading”"
        maxLength={MAX_NOTE}
        rows={3}
        disabled={pending}
      />
      <p className="field__hint">The text as everyone has it now is kept as it is, for good.</p>
      <FormFooter
        error={error}
        pending={pending}
        onCancel={onCancel}
        submitLabel="Save version"
        pendingLabel="Saving…"
        submitTestId="save-version-submit"
        actionsClassName="save-version__actions"
      />
    </form>
  );
}
