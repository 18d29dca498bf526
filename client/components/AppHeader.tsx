import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { IdentityControl } from './IdentityControl';

/** Props of {@link AppHeader}. */
export interface AppHeaderProps {
  /** Where the person is, after the product name (e.g. the draft's title). */
  context?: ReactNode;
  /** Page-specific status shown before the name chip (e.g. the connection indicator). */
  status?: ReactNode;
  /** Whether this page needs the person's display name before they can work. */
  requireName?: boolean;
}

/** The bar at the top of every page: product name, where you are, status, and who you are. */
export function AppHeader({ context, status, requireName = false }: AppHeaderProps) {
  return (
    <header className="app-header">
      <nav className="app-header__trail" aria-label="Breadcrumb">
        <Link to="/" className="app-header__brand">
          <span className="app-header__mark" aria-hidden="true">
            A
          </span>
          Accord
        </Link>
        {context !== undefined && (
          <>
            <span className="app-header__separator" aria-hidden="true">
              /
            </span>
            <span className="app-header__context">{context}</span>
          </>
        )}
      </nav>
      <div className="app-header__tools">
        {status}
        <IdentityControl required={requireName} />
      </div>
    </header>
  );
}
