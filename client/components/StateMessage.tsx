import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Props of {@link StateMessage}. */
export interface StateMessageProps {
  tone?: 'neutral' | 'error';
  title: string;
  children?: ReactNode;
  /** A way forward: a retry button, a link back. */
  action?: ReactNode;
}

/**
 * An empty, loading or error state in words: what happened and what to do next, never a blank
 * area or a bare error code.
 */
export function StateMessage({ tone = 'neutral', title, children, action }: StateMessageProps) {
  return (
    <div className={`state-message state-message--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <p className="state-message__title">{title}</p>
      {children !== undefined && <div className="state-message__body">{children}</div>}
      {action !== undefined && <div className="state-message__action">{action}</div>}
    </div>
  );
}

/** The way out of a page that cannot be used: back to the drafts list. */
export function BackToDrafts() {
  return (
    <Link to="/" className="button button--secondary">
      Back to drafts
    </Link>
  );
}

/** The draft a page is about could not be read: why, and the way back to the drafts list. */
export function DraftUnavailable({ message }: { message: string }) {
  return (
    <StateMessage tone="error" title="This draft cannot be opened" action={<BackToDrafts />}>
      {message}
    </StateMessage>
  );
}

/** Something could not be loaded: what, the reason in the server's words, and a way to try again. */
export function LoadFailed({ title, message, onRetry }: { title: string; message: ReactNode; onRetry: () => void }) {
  return (
    <StateMessage
      tone="error"
      title={title}
      action={
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      }
    >
      {message}
    </StateMessage>
  );
}
