import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors';

/** Reads and validates a JSON body; a body that is not JSON or does not fit gets a 400 that names the fields. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body must be a JSON object.');
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
