import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_HIDE_REASON_LENGTH } from '../../shared/limits';
import { ApiError } from '../api/ApiError';

/** Props of {@link HideCommentForm}. */
export interface HideCommentFormProps {
  onHide: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/** The shortest reason the server accepts. */
const MIN_REASON_LENGTH = 3;

/**
 * The chair hides a comment and says why. The comment stays in the record, shown as hidden with
 * this reason to everyone; its author and the chair still see its words.
 */
export function HideCommentForm({ onHide, onCancel }: HideCommentFormProps) {
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus({ preventScroll: true }), []);
  const valid = reason.trim().length >= MIN_REASON_LENGTH;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || sending) return;
    setSending(true);
    setError(null);
    try {
      await onHide(reason.trim());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The comment could not be hidden. Try again.');
      setSending(false);
    }
  };

  return (
    <form className="hide-form" data-testid="hide-form" onSubmit={(event) => void submit(event)}>
      <label className="hide-form__label">
        Reason for hiding (shown to everyone)
        <input
          ref={field}
          className="hide-form__field"
          name="reason"
          value={reason}
          maxLength={MAX_HIDE_REASON_LENGTH}
          placeholder="e.g. Personal attack; off topic"
          disabled={sending}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onCancel();
            }
          }}
        />
      </label>
      {error !== null && (
        <p className="comment-composer__error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer__actions">
        <button type="button" className="comment-button comment-button--quiet" onClick={onCancel} disabled={sending}>
          Cancel
        </button>
        <button type="submit" className="comment-button comment-button--danger" disabled={!valid || sending}>
          {sending ? 'Hiding…' : 'Hide comment'}
        </button>
      </div>
    </form>
  );
}
