import type { MouseEvent } from 'react';

/**
 * The first tab stop of a page: a link, shown only when focused, that moves focus past the header
 * and the side panel straight to `targetId` (the draft's text). Focus is moved by hand so the
 * router's location stays as it is.
 */
export function SkipLink({ targetId, children }: { targetId: string; children: string }) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={skip} data-testid="skip-link">
      {children}
    </a>
  );
}
