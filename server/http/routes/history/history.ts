import { Hono } from 'hono';
import { documentOutline } from '../../../drafts/documentOutline';
import type { Services } from '../../../Services';
import { textChange } from '../../../../shared/redline';
import { ApiError } from '../../../errors';
import { decisionSummary } from '../../../suggestions/decisionSummary';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseQuery } from '../../validate';
import { historyQuery, redlineQuery } from './schema';

/** One line of a draft's history. */
interface HistoryEntry {
  /** A stored change's number, or `suggestion:<id>` for a decision on a suggestion. */
  id: number | string;
  at: string;
  author: { id: string; name: string; affiliation: string } | null;
  clauses: { id: string; number: string | null }[];
  /** What was done, when it is more than an edit ("Accepted … suggestion … in OP3"); null for an edit. */
  summary: string | null;
}

/**
 * `/api/drafts/:id/history`: who changed which clause and when, newest first, with clause
 * numbers as they are now (null for a clause since deleted), and the decisions on suggestions
 * among them, each with the line that says what was decided. `/api/drafts/:id/history/redline`:
 * what a run of entries did to one clause's words, as a word redline from its words before the
 * first to its words after the last. `/api/drafts/:id/audit`: every API action on the draft, for
 * its chair.
 */
export function historyRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry } = services;
  const app = new Hono<AppEnv>();

  app.get('/:id/history', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'history:read');
    const { limit } = parseQuery(c, historyQuery);
    const [changes, decisions, affiliations] = await Promise.all([
      storage.listClauseChanges(draft.id, { limit }),
      storage.listSuggestionDecisions(draft.id),
      storage.listAffiliations(),
    ]);
    const outline = await registry.withDocument(draft.id, async (document) => documentOutline(document.doc));
    const numbers = new Map((outline?.clauses ?? []).map((clause) => [clause.id, clause.number]));
    const affiliationNames = new Map(affiliations.map((affiliation) => [affiliation.id, affiliation.name]));
    const people = new Map<string, HistoryEntry['author']>();
    for (const authorId of new Set([
      ...changes.map((change) => change.authorId),
      ...decisions.map((d) => d.decidedBy),
    ])) {
      if (!authorId) continue;
      const user = await storage.getUser(authorId);
      people.set(
        authorId,
        user ? { id: user.id, name: user.name, affiliation: affiliationNames.get(user.affiliationId) ?? '' } : null,
      );
    }
    const clauseOf = (id: string) => ({ id, number: numbers.get(id) ?? null });
    const entries: HistoryEntry[] = [
      ...decisions.map((row) => ({
        id: `suggestion:${row.suggestionId}`,
        at: row.decidedAt,
        author: people.get(row.decidedBy) ?? null,
        clauses: row.clauseId === null ? [] : [clauseOf(row.clauseId)],
        summary: decisionSummary(
          row,
          affiliationNames.get(row.delegationId) ?? row.delegationId,
          row.clauseId === null ? null : (numbers.get(row.clauseId) ?? null),
        ),
      })),
      ...changes.map((change) => ({
        id: change.id,
        at: change.at,
        author: change.authorId ? (people.get(change.authorId) ?? null) : null,
        clauses: change.clauseIds.map(clauseOf),
        summary: null,
      })),
    ];
    // Newest first. The edit a decision made is written with the history's next batch, a moment after the decision.
    entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    return c.json({ changes: entries.slice(0, limit) });
  });

  app.get('/:id/history/redline', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'history:read');
    const query = parseQuery(c, redlineQuery);
    const recorded = (await storage.listClauseTexts(draft.id, { fromId: query.from, toId: query.to })).flatMap(
      (entry) => entry.texts[query.clause] ?? [],
    );
    if (recorded.length === 0)
      throw new ApiError(
        404,
        'change_not_recorded',
        'The words of this change were not recorded (changes made before Accord kept them have none).',
      );
    const { change, words } = textChange(recorded[0]!.before, recorded.at(-1)!.after);
    return c.json({ clauseId: query.clause, change, words });
  });

  app.get('/:id/audit', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'audit:read');
    const { limit } = parseQuery(c, historyQuery);
    return c.json({ entries: await storage.listAudit({ draftId: draft.id, limit }) });
  });

  return app;
}
