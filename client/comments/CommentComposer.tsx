import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_COMMENT_LENGTH } from '../../shared/limits';
import type { Affiliation } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { shortcutLabel } from '../components/shortcutLabel';
import { MentionPicker } from './MentionPicker';

/** Props of {@link CommentComposer}. */
export interface CommentComposerProps {
  /** The field's accessible name ("Comment on OP2", "Reply", "Edit your comment"). */
  label: string;
  placeholder: string;
  submitLabel: string;
  initialBody?: string;
  /** Delegations and organisations that may be mentioned; omit for no mentions (an edit). */
  affiliations?: readonly Affiliation[];
  /** Sends it; a rejection's message is shown and the words are kept. */
  onSubmit: (body: string, mentions: string[]) => Promise<void>;
  onCancel?: () => void;
  autoFocus?: boolean;
  testId?: string;
}

/** How close to the length limit the remaining count appears. */
const SHOW_REMAINING_AT = 200;

/**
 * Writing a comment, a reply or an edit: plain text (line breaks kept), optional mentions, sent
 * with the button or Ctrl+Enter (⌘↩ on a Mac), abandoned with Escape. The words stay in the
 * field until the server has accepted them; a refusal is shown in its own sentence.
 */
export function CommentComposer({
  label,
  placeholder,
  submitLabel,
  initialBody = '',
  affiliations,
  onSubmit,
  onCancel,
  autoFocus = false,
  testId,
}: CommentComposerProps) {
  const [body, setBody] = useState(initialBody);
  const [mentions, setMentions] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();

  useEffect(() => {
    if (autoFocus) field.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  const trimmed = body.trim();
  const tooLong = body.length > MAX_COMMENT_LENGTH;
  const remaining = MAX_COMMENT_LENGTH - body.length;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending || trimmed === '' || tooLong) return;
    setSending(true);
    setError(null);
    try {
      await onSubmit(trimmed, mentions);
      setBody('');
      setMentions([]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The comment could not be sent. Try again.');
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="comment-composer" data-testid={testId} onSubmit={(event) => void submit(event)}>
      <textarea
        ref={field}
        className="comment-composer__field"
        aria-label={label}
        aria-invalid={tooLong || undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder={placeholder}
        value={body}
        rows={Math.min(8, Math.max(2, body.split('\n').length))}
        disabled={sending}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape' && onCancel) {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      {affiliations !== undefined && (
        <MentionPicker affiliations={affiliations} selected={mentions} onChange={setMentions} disabled={sending} />
      )}
      {error !== null && (
        <p className="comment-composer__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer__actions">
        {remaining < SHOW_REMAINING_AT && (
          <span className={`comment-composer__remaining${tooLong ? ' comment-composer__remaining--over' : ''}`}>
            {remaining}
          </span>
        )}
        {onCancel && (
          <button type="button" className="comment-button comment-button--quiet" onClick={onCancel} disabled={sending}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          className="comment-button comment-button--primary"
          disabled={sending || trimmed === '' || tooLong}
          title={shortcutLabel('Mod-Enter')}
        >
          {sending ? 'Sending…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
