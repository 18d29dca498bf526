import { z } from 'zod';
import type { DraftSummary } from '../../shared/api';
import { ROLES } from '../../shared/roles';
import type { DraftTemplateKey } from '../../shared/templates';
import { requestJson } from './requestJson';

/** A draft's summary as the API sends it, with the caller's role on it. */
export const draftSummarySchema: z.ZodType<DraftSummary> = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  role: z.enum(ROLES),
});

const draftListSchema = z.object({ drafts: z.array(draftSummarySchema) });
const draftEnvelopeSchema = z.object({ draft: draftSummarySchema });

/** Lists drafts, newest updated first: the live ones, or with `archived` the archived ones. */
export async function listDrafts(options: { archived?: boolean; signal?: AbortSignal } = {}): Promise<DraftSummary[]> {
  const query = options.archived ? '?archived=true' : '';
  const { drafts } = await requestJson(`/api/drafts${query}`, draftListSchema, { signal: options.signal });
  return drafts;
}

/** Reads one draft's summary; rejects with code `draft_not_found` when there is none. */
export async function getDraft(id: string, signal?: AbortSignal): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}`, draftEnvelopeSchema, { signal });
  return draft;
}

/**
 * Creates a draft; the server seeds its text from the template: `blank` (title, one empty clause
 * per section) or `pillar-framework` (a clause or two under each pillar).
 */
export async function createDraft(title: string, template: DraftTemplateKey = 'blank'): Promise<DraftSummary> {
  const { draft } = await requestJson('/api/drafts', draftEnvelopeSchema, {
    method: 'POST',
    json: { title, template },
  });
  return draft;
}

/** Archives a draft (hidden from the list, collab closed) or restores it. */
export async function setDraftArchived(id: string, archived: boolean): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}`, draftEnvelopeSchema, {
    method: 'PATCH',
    json: { archived },
  });
  return draft;
}
