/** Where the sign-in page lives. */
export const SIGN_IN_PATH = '/sign-in';

/**
 * A `next` address that is safe to go to after signing in: a path on this site (starting with one
 * `/`), never another site (`//evil.example`, `https://…`) and never the sign-in page itself.
 * Anything else becomes the drafts list.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return next;
}

/** The sign-in page's address, bringing the person back to `next` afterwards. */
export function signInPathFor(next: string): string {
  const target = safeNextPath(next);
  return target === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}
