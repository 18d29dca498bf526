import type { Context } from 'hono';
import type { z } from 'zod';
import { measureDocument } from '../../shared/documentLimits';
import { MAX_NESTING_DEPTH, formatCount } from '../../shared/limits';
import { ApiError } from '../errors';

/**
 * How deep any JSON body may nest, whatever it holds: a clause nested to MAX_NESTING_DEPTH takes
 * about two levels of JSON per element (an object and its `content` list), plus its attributes
 * and the body around it, far less than this.
 */
const MAX_BODY_NESTING = 4 * MAX_NESTING_DEPTH;

/**
 * The depth and size limits of the document JSON a body carries (clause nodes), checked before
 * the schema reads it: null when within them, or the sentence that names the limit passed.
 */
export type DocumentLimits = (body: unknown) => string | null;

/**
 * Reads and validates a JSON body; a body that is not JSON or does not fit gets a 400 that names
 * the fields. Before the schema reads it (recursively, for document nodes) the body is measured
 * without recursion: document JSON past the limits of shared/limits.ts (`documents`), or any
 * JSON nested deeper than the API reads, is a 400 with a sentence naming the figure, never a
 * stack overflow.
 */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  documents?: DocumentLimits,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body must be a JSON object.');
  }
  const problem = documents?.(body) ?? null;
  if (problem !== null) throw new ApiError(400, 'document_limit', problem);
  const { nesting } = measureDocument(body);
  if (nesting > MAX_BODY_NESTING) {
    throw new ApiError(
      400,
      'body_too_deep',
      `The request body nests values ${formatCount(nesting)} levels deep; the API reads at most ${MAX_BODY_NESTING}.`,
    );
  }
  return parseWith(schema, body, 'invalid_request');
}

/** Validates query parameters. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query(), 'invalid_query');
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, id: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  throw new ApiError(400, id, `The request is not valid: ${summary}.`, { issues });
}
