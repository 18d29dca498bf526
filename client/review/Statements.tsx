import { useId, useState, type FormEvent } from 'react';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { Amendment, Statement } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import { affiliationLabel } from '../auth/affiliationLabel';
import { formatAbsolute, formatRelative } from '../components/formatTimestamp';
import { mayMakeStatement, type ReviewViewer } from './amendmentActions';

/** Props of {@link Statements}. */
export interface StatementsProps {
  amendment: Amendment;
  phase: ReviewPhase;
  viewer: ReviewViewer;
  onState: (stance: Statement['stance'], note: string) => Promise<unknown>;
  onRetract: () => Promise<unknown>;
}

/** Longest note on a statement the form takes. */
const MAX_NOTE = 2000;

/**
 * Where the delegations stand on an amendment: each delegation's statement of support or
 * objection with its note (one per delegation), and for the reader's own delegation the form to
 * state, change or retract its position.
 */
export function Statements({ amendment, phase, viewer, onState, onRetract }: StatementsProps) {
  const id = useId();
  const mine = amendment.statements.find((statement) => statement.affiliation.id === viewer.affiliation.id) ?? null;
  const may = mayMakeStatement(amendment, phase, viewer);
  const [editing, setEditing] = useState(false);
  const [stance, setStance] = useState<Statement['stance']>(mine?.stance ?? 'support');
  const [note, setNote] = useState(mine?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const supports = amendment.statements.filter((statement) => statement.stance === 'support');
  const objections = amendment.statements.filter((statement) => statement.stance === 'objection');

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That did not work. Try again.');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await run(() => onState(stance, note.trim()))) setEditing(false);
  };

  const startEditing = () => {
    setStance(mine?.stance ?? 'support');
    setNote(mine?.note ?? '');
    setError(null);
    setEditing(true);
  };

  return (
    <section className="review-block statements" aria-label="Support and objections" data-testid="statements">
      <h3 className="review-block__title">
        Support and objections
        <span className="statements__tally">
          <span className="amendment-item__support" data-testid="support-count" data-count={supports.length}>
            {supports.length} in support
          </span>
          <span className="amendment-item__objection" data-testid="objection-count" data-count={objections.length}>
            {objections.length} objecting
          </span>
        </span>
      </h3>
      {amendment.statements.length === 0 && (
        <p className="muted statements__none">No delegation has stated a position yet.</p>
      )}
      {amendment.statements.length > 0 && (
        <ul className="statements__list">
          {amendment.statements.map((statement) => (
            <li
              key={statement.affiliation.id}
              className={`statement statement--${statement.stance}`}
              data-testid="statement"
              data-stance={statement.stance}
              data-affiliation-id={statement.affiliation.id}
            >
              <span className="statement__who">
                <span className="statement__stance">{statement.stance === 'support' ? 'Supports' : 'Objects'}</span>{' '}
                <strong>{affiliationLabel(statement.affiliation)}</strong>
                <time className="muted" dateTime={statement.at} title={formatAbsolute(statement.at)}>
                  {' '}
                  · {statement.by.name}, {formatRelative(statement.at)}
                </time>
              </span>
              {statement.note !== '' && <p className="statement__note">{statement.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {may && !editing && (
        <div className="statements__mine">
          <button
            type="button"
            className="button button--secondary"
            onClick={startEditing}
            data-testid="statement-open"
          >
            {mine === null ? 'State your delegation’s position' : 'Change your position'}
          </button>
          {mine !== null && (
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              onClick={() => void run(onRetract)}
              data-testid="statement-retract"
            >
              Retract
            </button>
          )}
        </div>
      )}
      {may && editing && (
        <form
          className="statement-form"
          onSubmit={(event) => void submit(event)}
          aria-label="Your delegation’s position"
          data-testid="statement-form"
        >
          <div className="statement-form__stances" role="radiogroup" aria-label="Position">
            <label className="statement-form__stance">
              <input
                type="radio"
                name={`${id}-stance`}
                checked={stance === 'support'}
                onChange={() => setStance('support')}
                data-testid="statement-support"
              />
              Support
            </label>
            <label className="statement-form__stance">
              <input
                type="radio"
                name={`${id}-stance`}
                checked={stance === 'objection'}
                onChange={() => setStance('objection')}
                data-testid="statement-objection"
              />
              Objection
            </label>
          </div>
          <textarea
            className="field__input review-form__textarea"
            aria-label="Note"
            placeholder="A note for the record (optional)"
            rows={2}
            maxLength={MAX_NOTE}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            data-testid="statement-note"
          />
          <div className="review-form__actions">
            <button type="button" className="button button--quiet" onClick={() => setEditing(false)} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy} data-testid="statement-submit">
              {busy ? 'Saving…' : 'State position'}
            </button>
          </div>
        </form>
      )}
      {error !== null && (
        <p className="field__hint field__hint--error" role="alert" data-testid="statement-error">
          {error}
        </p>
      )}
    </section>
  );
}
