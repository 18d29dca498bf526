/**
 * Shapes of the JSON API shared by the server's responses and the client's reads.
 */

import type { Role } from './roles';

/** A draft as listed and read through `/api/drafts`, with the caller's role on it. */
export interface DraftSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  role: Role;
}

/** Every API error body: a stable machine id and a sentence for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}
