import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { AccessTokensPage } from './AccessTokensPage';
import { RequireSignIn } from './auth/RequireSignIn';
import { SIGN_IN_PATH } from './auth/signInPath';
import { ComparePage } from './ComparePage';
import { DraftsPage } from './DraftsPage';
import { ImportPage } from './ImportPage';
import { InvitePage } from './InvitePage';
import { NotFoundPage } from './NotFoundPage';
import { ReviewPage } from './ReviewPage';
import { SignInPage } from './SignInPage';

// The editor (Tiptap, ProseMirror, Yjs) is most of the bundle; the drafts list does not wait for it.
const DraftPage = lazy(() => import('./DraftPage').then((module) => ({ default: module.DraftPage })));
// A version's text is drawn by the same editor, read-only.
const VersionPage = lazy(() => import('./VersionPage').then((module) => ({ default: module.VersionPage })));
// A review cycle's page writes amendments in a small editor of the draft's schema.
const ReviewCyclePage = lazy(() => import('./ReviewCyclePage').then((module) => ({ default: module.ReviewCyclePage })));
const PublicVersionPage = lazy(() =>
  import('./PublicVersionPage').then((module) => ({ default: module.PublicVersionPage })),
);

/**
 * The client's routes. The server answers every other path with this app (SPA fallback). Sign-in,
 * invitation links and published versions are open to anyone; everything else asks for sign-in
 * first. "?" opens the list of keyboard shortcuts on every page.
 */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path={SIGN_IN_PATH} element={<SignInPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        {/* Published versions are for anyone with the link, signed in or not. */}
        <Route
          path="/public/versions/:versionId"
          element={
            <Suspense fallback={<div className="app" aria-busy="true" />}>
              <PublicVersionPage />
            </Suspense>
          }
        />
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
          <Route path="/drafts/import" element={<ImportPage />} />
          <Route
            path="/drafts/:id/versions/:versionId"
            element={
              <Suspense fallback={<div className="app" aria-busy="true" />}>
                <VersionPage />
              </Suspense>
            }
          />
          <Route path="/drafts/:id/compare" element={<ComparePage />} />
          <Route path="/drafts/:id/review" element={<ReviewPage />} />
          <Route
            path="/drafts/:id/review/:cycleId"
            element={
              <Suspense fallback={<div className="app" aria-busy="true" />}>
                <ReviewCyclePage />
              </Suspense>
            }
          />
          <Route path="/account/tokens" element={<AccessTokensPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      <ShortcutsDialog />
    </BrowserRouter>
  );
}
