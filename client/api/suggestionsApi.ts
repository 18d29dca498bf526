import { z } from 'zod';
import type { Suggestion, SuggestionStance } from '../../shared/suggestions';
import { SUGGESTION_KINDS, SUGGESTION_STATUSES } from '../../shared/suggestions';
import { requestJson } from './requestJson';

const named = z.object({ id: z.string(), name: z.string() });

const suggestionSchema: z.ZodType<Suggestion> = z.object({
  id: z.string(),
  clauseId: z.string().nullable(),
  kind: z.enum(SUGGESTION_KINDS),
  text: z.string(),
  wholeParagraph: z.boolean(),
  delegation: named,
  author: named,
  at: z.string(),
  status: z.enum(SUGGESTION_STATUSES),
  supporters: z.array(named),
  opponents: z.array(named),
  decidedBy: named.nullable(),
  decidedAt: z.string().nullable(),
});

const base = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

/** The draft's suggestions (open and decided) and whether it is in facilitator mode. */
export async function listSuggestions(
  draftId: string,
  signal?: AbortSignal,
): Promise<{ suggestions: Suggestion[]; facilitatorMode: boolean }> {
  return requestJson(
    `${base(draftId)}/suggestions`,
    z.object({ suggestions: z.array(suggestionSchema), facilitatorMode: z.boolean() }),
    { signal },
  );
}

/** Accepts or rejects (the chair) or withdraws (its author) one suggestion. */
export async function decideSuggestion(
  draftId: string,
  id: string,
  action: 'accept' | 'reject' | 'withdraw',
): Promise<Suggestion> {
  const path = `${base(draftId)}/suggestions/${encodeURIComponent(id)}/${action}`;
  return (await requestJson(path, z.object({ suggestion: suggestionSchema }), { method: 'POST' })).suggestion;
}

/** Accepts or rejects every open suggestion in a clause (the chair). */
export async function decideClauseSuggestions(draftId: string, clauseId: string, action: 'accept-all' | 'reject-all') {
  const path = `${base(draftId)}/clauses/${encodeURIComponent(clauseId)}/suggestions/${action}`;
  return (await requestJson(path, z.object({ suggestions: z.array(suggestionSchema) }), { method: 'POST' }))
    .suggestions;
}

/** The delegation supports or opposes a suggestion, or takes its position back. */
export async function setSuggestionStance(
  draftId: string,
  id: string,
  stance: SuggestionStance | null,
): Promise<Suggestion> {
  const path = `${base(draftId)}/suggestions/${encodeURIComponent(id)}/stance`;
  return (await requestJson(path, z.object({ suggestion: suggestionSchema }), { method: 'PUT', json: { stance } }))
    .suggestion;
}

/** Turns facilitator mode on or off (the chair). */
export async function setFacilitatorMode(draftId: string, on: boolean): Promise<boolean> {
  const path = `${base(draftId)}/facilitator-mode`;
  return (await requestJson(path, z.object({ facilitatorMode: z.boolean() }), { method: 'PUT', json: { on } }))
    .facilitatorMode;
}
