import type { Decision } from '../shared/roles';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error meant for the API caller: an HTTP status, a stable machine id and a sentence that
 * tells a person what happened. Anything else thrown in a route becomes a 500 without details.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly id: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The draft does not exist (or is hidden from the caller). */
export function draftNotFound(): ApiError {
  return new ApiError(404, 'draft_not_found', 'There is no draft with that id.');
}

const REFUSAL_STATUS = { forbidden: 403, hidden: 404, conflict: 409 } as const;

/**
 * Throws the API's answer to a refusal of the policy (shared/roles.ts): 403 for who is asking,
 * 404 for what is not theirs to see, 409 for not now; with the policy's id and sentence.
 */
export function enforce(decision: Decision): void {
  if (!decision.ok) throw new ApiError(REFUSAL_STATUS[decision.refusal], decision.error, decision.reason);
}

/** The sentence of {@link storageUnavailable}, also what the collab server's refusal says. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'The server cannot save changes right now, so nothing was changed. Try again in a few minutes; ' +
  'if this goes on, tell the operator of this server.';

/**
 * The database could not be written (the disk is full or failing, or the database server cannot
 * be reached: see `isStorageFailure`): 503, since the same request may work once the operator
 * has made room or brought it back. Nothing was changed.
 */
export function storageUnavailable(): ApiError {
  return new ApiError(503, 'storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE);
}
