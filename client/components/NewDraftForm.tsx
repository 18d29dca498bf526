import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import { ApiError } from '../api/ApiError';
import { createDraft } from '../api/draftsApi';

/** Starts a new draft from a title and opens it; the server seeds its text. */
export function NewDraftForm() {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') {
      setError('Give the draft a title, e.g. “Norms on responses to cyber operations against essential services”.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const draft = await createDraft(trimmed);
      navigate(`/drafts/${encodeURIComponent(draft.id)}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The draft could not be created. Try again.');
      setPending(false);
    }
  };

  return (
    <form className="new-draft" onSubmit={submit} noValidate>
      <label className="field__label" htmlFor={inputId}>
        Start a new draft
      </label>
      <div className="new-draft__row">
        <input
          id={inputId}
          className="field__input"
          name="title"
          placeholder="Title of the norms text"
          maxLength={MAX_TITLE_LENGTH}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={error !== null}
          disabled={pending}
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create draft'}
        </button>
      </div>
      <p className={`field__hint${error ? ' field__hint--error' : ''}`} id={hintId} role={error ? 'alert' : undefined}>
        {error ?? `The formal title, up to ${MAX_TITLE_LENGTH} characters.`}
      </p>
    </form>
  );
}
