/**
 * A failed call to the Accord JSON API, carrying the server's stable machine id (`code`) and the
 * sentence meant for people (`message`), so a page can branch on the id and show the sentence.
 */
export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;
  /** The server's machine id (`draft_not_found`, …), or a client-side one (`network_error`, `bad_response`). */
  readonly code: string;

  /** What the server said besides the sentence (the conflicts of a `resolution_required`, …), unread. */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}
