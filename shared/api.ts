/**
 * Shapes of the JSON API shared by the server's responses and the client's reads.
 */

/** A draft as listed and read through `/api/drafts`. */
export interface DraftSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

/** Every API error body: a stable machine id and a sentence for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}
