import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { DraftsPage } from './DraftsPage';
import { NotFoundPage } from './NotFoundPage';

// The editor (Tiptap, ProseMirror, Yjs) is most of the bundle; the drafts list does not wait for it.
const DraftPage = lazy(() => import('./DraftPage').then((module) => ({ default: module.DraftPage })));

/** The client's routes. The server answers every other path with this app (SPA fallback). */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<DraftsPage />} />
        <Route
          path="/drafts/:id"
          element={
            <Suspense fallback={<div className="app" aria-busy="true" />}>
              <DraftPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </BrowserRouter>
  );
}
