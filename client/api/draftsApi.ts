import { z } from 'zod';
import type { ApiErrorBody, DraftSummary } from '../../shared/api';
import { ROLES } from '../../shared/roles';
import type { DraftTemplateKey } from '../../shared/templates';
import { ApiError } from './ApiError';

const draftSummarySchema: z.ZodType<DraftSummary> = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  role: z.enum(ROLES),
});

const draftListSchema = z.object({ drafts: z.array(draftSummarySchema) });
const draftEnvelopeSchema = z.object({ draft: draftSummarySchema });
const errorBodySchema: z.ZodType<ApiErrorBody> = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

/**
 * Calls the API and validates the JSON it answers, so nothing untyped crosses into the UI.
 * Every failure (network, HTTP error, unexpected body) becomes an {@link ApiError} whose
 * message a person can act on.
 */
async function requestJson<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) throw new ApiError(response.status, parsed.data.error, parsed.data.message);
    throw new ApiError(response.status, 'http_error', `The server answered with an error (${response.status}). Try again in a moment.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, 'bad_response', 'The server sent a reply this page does not understand. Reload the page.');
  }
  return parsed.data;
}

/** Lists drafts, newest updated first: the live ones, or with `archived` the archived ones. */
export async function listDrafts(options: { archived?: boolean; signal?: AbortSignal } = {}): Promise<DraftSummary[]> {
  const query = options.archived ? '?archived=true' : '';
  const { drafts } = await requestJson(`/api/drafts${query}`, draftListSchema, { signal: options.signal ?? null });
  return drafts;
}

/** Reads one draft's summary; rejects with code `draft_not_found` when there is none. */
export async function getDraft(id: string, signal?: AbortSignal): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}`, draftEnvelopeSchema, { signal: signal ?? null });
  return draft;
}

/**
 * Creates a draft; the server seeds its text from the template: `blank` (title, one empty clause
 * per section) or `pillar-framework` (a clause or two under each pillar).
 */
export async function createDraft(title: string, template: DraftTemplateKey = 'blank'): Promise<DraftSummary> {
  const { draft } = await requestJson('/api/drafts', draftEnvelopeSchema, {
    method: 'POST',
    body: JSON.stringify({ title, template }),
  });
  return draft;
}

/** Archives a draft (hidden from the list, collab closed) or restores it. */
export async function setDraftArchived(id: string, archived: boolean): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}`, draftEnvelopeSchema, {
    method: 'PATCH',
    body: JSON.stringify({ archived }),
  });
  return draft;
}
