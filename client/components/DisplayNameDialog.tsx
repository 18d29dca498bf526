import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_DISPLAY_NAME_LENGTH, normaliseDisplayName } from '../identity/identity';

/** Props of {@link DisplayNameDialog}. */
export interface DisplayNameDialogProps {
  open: boolean;
  initialName: string;
  /** When false the person must choose a name: Escape and the close button do nothing. */
  dismissable: boolean;
  onSubmit: (name: string) => void;
  onDismiss: () => void;
}

/**
 * Asks for the name the other delegations see on this person's caret. A native modal `<dialog>`,
 * so focus trapping, Escape and the backdrop come from the browser.
 */
export function DisplayNameDialog({ open, initialName, dismissable, onSubmit, onDismiss }: DisplayNameDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setName(initialName);
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialName]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalised = normaliseDisplayName(name);
    if (normalised === null) {
      setError('Enter the name the other delegations should see.');
      return;
    }
    onSubmit(normalised);
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${inputId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissable) onDismiss();
      }}
    >
      <form className="dialog__body" onSubmit={submit} noValidate>
        <h2 className="dialog__title" id={`${inputId}-title`}>
          What should others call you?
        </h2>
        <label className="field__label" htmlFor={inputId}>
          Display name
        </label>
        <input
          id={inputId}
          className="field__input"
          name="displayName"
          autoComplete="name"
          maxLength={MAX_DISPLAY_NAME_LENGTH}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={error !== null}
          autoFocus
        />
        <p className="field__hint" id={hintId}>
          {error ?? 'Shown next to your cursor, e.g. “Ana Silva (Brazil)”. Kept in this browser only.'}
        </p>
        <div className="dialog__actions">
          {dismissable && (
            <button type="button" className="button button--quiet" onClick={onDismiss}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button--primary">
            {dismissable ? 'Save name' : 'Continue'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
