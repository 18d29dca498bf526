import { useId, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/ApiError';
import { signOut } from '../api/authApi';
import { affiliationLabel } from '../auth/affiliationLabel';
import { currentUserStore } from '../auth/CurrentUserStore';
import { SIGN_IN_PATH, signInPathFor } from '../auth/signInPath';
import { useCurrentUser } from '../auth/useCurrentUser';
import { countUnsyncedChanges, forgetLocalCopies } from '../collab/forgetLocalCopies';

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? name];
  return letters
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}

/**
 * Who is signed in, in the header: name and delegation or organisation (with its ISO code), and a
 * menu with the access tokens page and sign-out. Signed out, a link to sign in.
 */
export function AccountMenu() {
  const state = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const menuId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (state.kind === 'signed-out' && location.pathname !== SIGN_IN_PATH) {
    return (
      <Link className="button button--secondary" to={signInPathFor(`${location.pathname}${location.search}`)}>
        Sign in
      </Link>
    );
  }
  if (state.kind !== 'signed-in') return null;
  const { user } = state;

  const leave = async () => {
    const unsynced = countUnsyncedChanges();
    if (
      unsynced > 0 &&
      !window.confirm(
        `${unsynced} of your changes have not reached the server yet. Signing out discards them. Sign out anyway?`,
      )
    )
      return;
    setPending(true);
    setError(null);
    try {
      await signOut();
    } catch (caught) {
      setPending(false);
      setError(caught instanceof ApiError ? caught.message : 'Signing out failed. Try again.');
      return;
    }
    navigate(SIGN_IN_PATH, { replace: true });
    currentUserStore.signedOut();
    await forgetLocalCopies();
  };

  return (
    <>
      <button
        type="button"
        className="account-chip"
        popoverTarget={menuId}
        data-testid="account-menu"
        aria-haspopup="menu"
      >
        <span className="account-chip__avatar" aria-hidden="true">
          {initialsOf(user.name)}
        </span>
        <span className="account-chip__text">
          <span className="account-chip__name" data-testid="header-name">
            {user.name}
          </span>
          <span
            className="account-chip__affiliation"
            data-testid="header-affiliation"
            data-kind={user.affiliation.kind}
          >
            {affiliationLabel(user.affiliation)}
          </span>
        </span>
      </button>
      <div id={menuId} popover="auto" className="account-menu" role="menu" aria-label="Your account">
        <div className="account-menu__who">
          <p className="account-menu__name">{user.name}</p>
          <p className="account-menu__detail">{user.email}</p>
          <p className="account-menu__detail">
            {user.affiliation.kind === 'delegation' ? 'Delegation of ' : ''}
            {affiliationLabel(user.affiliation)}
          </p>
        </div>
        <Link className="account-menu__item" role="menuitem" to="/account/tokens">
          Access tokens
        </Link>
        <button
          type="button"
          className="account-menu__item"
          role="menuitem"
          onClick={() => void leave()}
          disabled={pending}
        >
          {pending ? 'Signing out…' : 'Sign out'}
        </button>
        {error !== null && (
          <p className="account-menu__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
