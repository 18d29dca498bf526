/** Props of {@link FormFooter}. */
export interface FormFooterProps {
  /** The server's or the form's own reason the last attempt failed, or null. */
  error: string | null;
  errorTestId?: string;
  pending: boolean;
  onCancel: () => void;
  submitLabel: string;
  /** What the submit button says while the request is on its way. */
  pendingLabel: string;
  submitTestId: string;
  /** Class of the row of buttons (each form lays it out its own way). */
  actionsClassName: string;
}

/** The end of a small form: its error, if any, then Cancel and the submit button. */
export function FormFooter({
  error,
  errorTestId,
  pending,
  onCancel,
  submitLabel,
  pendingLabel,
  submitTestId,
  actionsClassName,
}: FormFooterProps) {
  return (
    <>
      {error !== null && (
        <p className="field__hint field__hint--error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <div className={actionsClassName}>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={pending} data-testid={submitTestId}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
