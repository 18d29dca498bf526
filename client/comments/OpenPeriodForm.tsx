import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError';

/** Props of {@link OpenPeriodForm}. */
export interface OpenPeriodFormProps {
  onOpen: (startsAt: Date, endsAt: Date) => Promise<void>;
  onCancel: () => void;
}

/** Default length of a new comment period. */
const DEFAULT_DAYS = 14;

/** A time as a `datetime-local` input shows it: local time to the minute. */
export function toLocalInputValue(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The chair opens a public comment period: when it starts (now, by default) and when it ends
 * (two weeks later, by default), in the chair's local time. Everyone sees the dates.
 */
export function OpenPeriodForm({ onOpen, onCancel }: OpenPeriodFormProps) {
  const [initial] = useState(() => Date.now());
  const [startsAt, setStartsAt] = useState(() => toLocalInputValue(initial));
  const [endsAt, setEndsAt] = useState(() => toLocalInputValue(initial + DEFAULT_DAYS * 24 * 3600 * 1000));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
      return setError('Give a start and an end date and time.');
    if (end <= start) return setError('The period must end after it starts.');
    setSending(true);
    setError(null);
    try {
      await onOpen(start, end);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The comment period could not be opened. Try again.');
      setSending(false);
    }
  };

  return (
    <form className="period-form" data-testid="open-period-form" onSubmit={(event) => void submit(event)}>
      <label className="period-form__field" htmlFor={`${id}-start`}>
        Opens
        <input
          id={`${id}-start`}
          type="datetime-local"
          name="startsAt"
          required
          value={startsAt}
          disabled={sending}
          onChange={(event) => setStartsAt(event.target.value)}
        />
      </label>
      <label className="period-form__field" htmlFor={`${id}-end`}>
        Closes
        <input
          id={`${id}-end`}
          type="datetime-local"
          name="endsAt"
          required
          value={endsAt}
          disabled={sending}
          onChange={(event) => setEndsAt(event.target.value)}
        />
      </label>
      <button type="submit" className="comment-button comment-button--primary" disabled={sending}>
        {sending ? 'Opening…' : 'Open period'}
      </button>
      <button type="button" className="comment-button comment-button--quiet" onClick={onCancel} disabled={sending}>
        Cancel
      </button>
      {error !== null && (
        <p className="period-form__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
