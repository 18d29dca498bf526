import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../shared/roles';
import { AccountMenu } from './AccountMenu';
import { RoleBadge } from './RoleBadge';

/** Props of {@link AppHeader}. */
export interface AppHeaderProps {
  /** Where the person is, after the product name (e.g. the draft's title). */
  context?: ReactNode;
  /** Page-specific status shown before the person (e.g. the connection indicator). */
  status?: ReactNode;
  /** The person's role on the open draft, when the page is a draft's. */
  role?: Role | null;
}

/**
 * The bar at the top of every page: product name, where you are, status, and who you are: name,
 * delegation or organisation, and on a draft your role there.
 */
export function AppHeader({ context, status, role }: AppHeaderProps) {
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
        {role && <RoleBadge role={role} />}
        <AccountMenu />
      </div>
    </header>
  );
}
