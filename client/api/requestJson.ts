import { z } from 'zod';
import type { ApiErrorBody } from '../../shared/api';
import { ApiError } from './ApiError';

const errorBodySchema: z.ZodType<ApiErrorBody> = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

/** The server's id for "no valid session": the person has to sign in (again). */
const UNAUTHENTICATED = 'unauthenticated';

const unauthenticatedListeners = new Set<() => void>();

/**
 * Registers a listener called whenever the API answers that nobody is signed in (the session
 * expired, was revoked, or the person signed out in another tab). The current-user store uses it
 * to send the person to the sign-in page from wherever they are. Returns the unsubscribe function.
 */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

/** Options of {@link requestJson}: fetch's, plus a JSON body. */
export interface RequestJsonInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart/form-data (a file upload); the browser sets the boundary. */
  form?: FormData;
  signal?: AbortSignal | undefined;
}

/**
 * Calls the Accord API and validates the JSON it answers, so nothing untyped crosses into the UI.
 * Every failure (network, HTTP error, unexpected body) becomes an {@link ApiError} whose message
 * a person can act on. The browser's session cookie authenticates the call; a same-origin fetch
 * carries the `Origin` header the server requires of cookie-authenticated writes.
 */
export async function requestJson<T>(path: string, schema: z.ZodType<T>, init: RequestJsonInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(init.json !== undefined
        ? { body: JSON.stringify(init.json) }
        : init.form !== undefined
          ? { body: init.form }
          : {}),
      signal: init.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (caught) {
    if (init.signal?.aborted) throw caught;
    throw new ApiError(0, 'network_error', 'The server could not be reached. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    if (response.status === 401 && (!parsed.success || parsed.data.error === UNAUTHENTICATED)) {
      for (const listener of [...unauthenticatedListeners]) listener();
    }
    if (parsed.success)
      throw new ApiError(response.status, parsed.data.error, parsed.data.message, parsed.data.details);
    throw new ApiError(
      response.status,
      'http_error',
      `The server answered with an error (${response.status}). Try again in a moment.`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'bad_response',
      'The server sent a reply this page does not understand. Reload the page.',
    );
  }
  return parsed.data;
}

/** The answer of routes that only confirm (`{ ok: true }`); anything else in it is ignored. */
export const okAnswer = z.object({});
