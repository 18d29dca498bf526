import type { ShownRefusal } from '../collab/useEditRefusal';

/** Props of {@link EditRefusedBanner}. */
export interface EditRefusedBannerProps {
  refusal: ShownRefusal;
  onDismiss: () => void;
}

/**
 * Tells the person that the server refused a change they made, and why: the headline for the
 * kind of refusal, then the server's sentence with the particulars. The text on screen has
 * already gone back to what everyone else has; the message stays until dismissed.
 */
export function EditRefusedBanner({ refusal, onDismiss }: EditRefusedBannerProps) {
  return (
    <div className="banner banner--refused" role="alert" data-testid="edit-refused" data-code={refusal.code}>
      <strong className="banner__headline" data-testid="edit-refused-headline">
        {refusal.headline}
      </strong>{' '}
      <span data-testid="edit-refused-reason">{refusal.reason}</span> The text now shows what everyone else has.{' '}
      <button type="button" className="banner__dismiss" data-testid="edit-refused-dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
