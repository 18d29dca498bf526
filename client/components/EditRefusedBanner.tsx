import { useLayoutEffect, useRef } from 'react';
import type { ShownRefusal } from '../collab/useEditRefusal';

/** Props of {@link EditRefusedBanner}. */
export interface EditRefusedBannerProps {
  refusal: ShownRefusal;
  onDismiss: () => void;
}

/** The banner's height, by which the clause toolbar and the side panel stick lower while it is shown. */
const HEIGHT_PROPERTY = '--refused-banner-height';

/**
 * Tells the person that the server refused a change they made, and why: the headline for the
 * kind of refusal, then the server's sentence with the particulars. The text on screen has
 * already gone back to what everyone else has; the message stays until dismissed, in view under
 * the header, with what sticks there (the clause toolbar, the side panel) below it.
 */
export function EditRefusedBanner({ refusal, onDismiss }: EditRefusedBannerProps) {
  const banner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = banner.current;
    if (!element) return;
    const root = document.documentElement.style;
    const measure = (): void => root.setProperty(HEIGHT_PROPERTY, `${element.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty(HEIGHT_PROPERTY);
    };
  }, []);
  return (
    <div
      ref={banner}
      className="banner banner--refused"
      role="alert"
      data-testid="edit-refused"
      data-code={refusal.code}
    >
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
