import { createContext, useContext } from 'react';
import type { PublicUser } from '../../shared/roles';

/** The signed-in person, provided by `RequireSignIn` to every page behind it. */
export const SignedInUserContext = createContext<PublicUser | null>(null);

/**
 * The signed-in person on a page that requires sign-in. Throws when used outside `RequireSignIn`,
 * which would be a routing mistake, not a state to handle.
 */
export function useSignedInUser(): PublicUser {
  const user = useContext(SignedInUserContext);
  if (user === null) throw new Error('useSignedInUser() is only for pages behind <RequireSignIn>');
  return user;
}
