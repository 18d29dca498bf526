import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import { DRAFT_TEMPLATES, type DraftTemplateKey } from '../../shared/templates';
import { ApiError } from '../api/ApiError';
import { createDraft } from '../api/draftsApi';
import { CYBER_PILLARS } from '../../shared/pillars';
import { PillarsEditor, pillarDrafts, pillarInputs, type PillarDraft } from '../pillars/PillarsEditor';

/**
 * Starts a new draft from a title, a template (blank or the pillar framework) and its own pillars
 * (the framework's to begin with, or from another template or from scratch) and opens it; the
 * server seeds its text.
 */
export function NewDraftForm() {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<DraftTemplateKey>('blank');
  const [pillars, setPillars] = useState<PillarDraft[]>(() => pillarDrafts(CYBER_PILLARS));
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
      const draft = await createDraft(trimmed, template, pillarInputs(pillars));
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
      <fieldset className="template-choice" disabled={pending}>
        <legend className="template-choice__legend">Start from</legend>
        {DRAFT_TEMPLATES.map((option) => (
          <label key={option.key} className="template-choice__option" data-testid="template-option">
            <input
              type="radio"
              name="template"
              value={option.key}
              checked={template === option.key}
              onChange={() => setTemplate(option.key)}
            />
            <span className="template-choice__text">
              <span className="template-choice__label">{option.label}</span>
              <span className="template-choice__description">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <PillarsEditor pillars={pillars} onChange={setPillars} disabled={pending} />
    </form>
  );
}
