import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AccessTokensPage } from './AccessTokensPage';
import { RequireSignIn } from './auth/RequireSignIn';
import { SIGN_IN_PATH } from './auth/signInPath';
import { DraftsPage } from './DraftsPage';
import { InvitePage } from './InvitePage';
import { NotFoundPage } from './NotFoundPage';
import { SignInPage } from './SignInPage';

// The editor (Tiptap, ProseMirror, Yjs) is most of the bundle; the drafts list does not wait for it.
const DraftPage = lazy(() => import('./DraftPage').then((module) => ({ default: module.DraftPage })));

/**
 * The client's routes. The server answers every other path with this app (SPA fallback). Sign-in
 * and invitation links are open to anyone; everything else asks for sign-in first.
 */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path={SIGN_IN_PATH} element={<SignInPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route element={<RequireSignIn />}>
          <Route path="/" element={<DraftsPage />} />
          <Route
            path="/drafts/:id"
            element={
              <Suspense fallback={<div className="app" aria-busy="true" />}>
                <DraftPage />
              </Suspense>
            }
          />
          <Route path="/account/tokens" element={<AccessTokensPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </BrowserRouter>
  );
}
