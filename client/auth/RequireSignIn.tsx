import { Navigate, Outlet, useLocation } from 'react-router';
import { AppHeader } from '../components/AppHeader';
import { LoadFailed } from '../components/StateMessage';
import { currentUserStore } from './CurrentUserStore';
import { SignedInUserContext } from './signedInUser';
import { signInPathFor } from './signInPath';
import { useCurrentUser } from './useCurrentUser';

/**
 * The pages behind sign-in (a layout route). Signed out, the person goes to the sign-in page,
 * which brings them back here afterwards; signed in, the page gets the person through
 * `useSignedInUser()`. A session that ends while a page is open leads to sign-in the same way.
 */
export function RequireSignIn() {
  const state = useCurrentUser();
  const location = useLocation();

  if (state.kind === 'signed-out') {
    return <Navigate to={signInPathFor(`${location.pathname}${location.search}${location.hash}`)} replace />;
  }
  if (state.kind === 'loading') return <div className="app" aria-busy="true" />;
  if (state.kind === 'unavailable') {
    return (
      <div className="app">
        <AppHeader />
        <main className="page">
          <LoadFailed
            title="Accord could not be reached"
            message={state.message}
            onRetry={() => void currentUserStore.load(true)}
          />
        </main>
      </div>
    );
  }
  return (
    <SignedInUserContext value={state.user}>
      <Outlet />
    </SignedInUserContext>
  );
}
