import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** What is about to happen, as a question ("Restore Rev.1 for everyone?"). */
  title: string;
  /** What it does and what cannot be undone. */
  children: ReactNode;
  /** The confirming button's words ("Restore"). */
  confirmLabel: string;
  /** The cancelling button's words. */
  cancelLabel?: string;
  /** A destructive action: the confirming button says so. */
  danger?: boolean;
  /** While the action runs: both buttons are off and the confirming one says so. */
  busy?: boolean;
  /** The action's refusal, if any, shown above the buttons. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  /** Room for a form (the pillars editor), not only a sentence. */
  wide?: boolean;
}

/**
 * The confirmation every irreversible action asks for (restore, publish or unpublish, submit,
 * decide, consolidate): a modal dialog, open while mounted, whose text scrolls inside it so its
 * buttons always stay in view, whatever the window (1280×720 and smaller) and however long the
 * version label or amendment. Escape cancels; the cancelling button has the focus first.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  busy = false,
  error = null,
  onConfirm,
  onCancel,
  testId = 'confirm-dialog',
  wide = false,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className={`dialog confirm-dialog${wide ? ' confirm-dialog--wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="dialog__title confirm-dialog__title" id={titleId}>
        {title}
      </h2>
      <div className="confirm-dialog__text">{children}</div>
      {error !== null && (
        <p className="field__hint field__hint--error confirm-dialog__error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions confirm-dialog__actions">
        <button ref={cancelRef} type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          onClick={onConfirm}
          disabled={busy}
          data-testid={`${testId}-confirm`}
        >
          {busy ? `${confirmLabel}…` : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
