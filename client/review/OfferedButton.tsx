import type { ReactNode } from 'react';
import type { OfferedAction } from './amendmentActions';

/** Props of {@link OfferedButton}. */
export interface OfferedButtonProps<T> {
  action: OfferedAction<T>;
  onClick: (value: T) => void;
  /** The button's look: `button--primary`, `button--secondary` … */
  tone?: 'primary' | 'secondary' | 'quiet';
  /** Whether it undoes or refuses something (withdraw, reject): drawn in the danger colour. */
  danger?: boolean;
  busy?: boolean;
  testId?: string;
  children?: ReactNode;
}

/**
 * A button for something the reader may do, disabled (but still focusable and hoverable) with
 * the reason as its tooltip when it cannot be done now, so nobody is left guessing why.
 */
export function OfferedButton<T>({
  action,
  onClick,
  tone = 'secondary',
  danger = false,
  busy = false,
  testId,
  children,
}: OfferedButtonProps<T>) {
  const unavailable = !action.enabled || busy;
  return (
    <button
      type="button"
      className={`button button--${tone}${danger ? ' review-button--danger' : ''}${action.enabled ? '' : ' review-button--unavailable'}`}
      aria-disabled={unavailable || undefined}
      title={action.reason ?? undefined}
      data-testid={testId}
      data-enabled={action.enabled}
      onClick={() => {
        if (!unavailable) onClick(action.value);
      }}
    >
      {children ?? action.label}
    </button>
  );
}
