import type { Suggestion, SuggestionKind, SuggestionStance } from '../../shared/suggestions';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON } from '../drafts/documentOutline';
import { ApiError, draftNotFound } from '../errors';
import { namesOf } from '../negotiation/names';
import type { Storage, SuggestionDecisionRecord } from '../storage/Storage';
import type { OpenSuggestion } from './readSuggestions';
import { readSuggestions, runsOfSuggestion } from './readSuggestions';

/** Who acts on a suggestion: the person and the delegation they speak for. */
export interface SuggestionActor {
  userId: string;
  affiliationId: string;
}

type Decision = SuggestionDecisionRecord['decision'];

const notFound = (): ApiError => new ApiError(404, 'suggestion_not_found', 'The draft has no suggestion with that id.');
const notOpen = (decision: string): ApiError =>
  new ApiError(409, 'suggestion_decided', `This suggestion was already ${decision}; nothing was changed.`);

/**
 * Suggestions beyond the text (docs/suggestions.md): listing them with who supports and opposes
 * them and what was decided, and deciding them. Accepting, rejecting and withdrawing are server
 * changes to the live text, made at once for everyone and recorded; the marks themselves are
 * written by the editors in suggest mode and judged by the collab gate (`checkSuggestions`).
 */
export class SuggestionService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
  ) {}

  /** Open suggestions (in the text now) and decided ones, newest decisions last, with stances and names. */
  async list(draftId: string): Promise<Suggestion[]> {
    const open = await this.open(draftId);
    const [decisions, stances] = await Promise.all([
      this.storage.listSuggestionDecisions(draftId),
      this.storage.listSuggestionStances(draftId),
    ]);
    const names = await namesOf(this.storage, [
      ...open.map((suggestion) => suggestion.author),
      ...decisions.flatMap((row) => [row.authorId, row.decidedBy]),
    ]);
    const positions = (id: string, stance: SuggestionStance) =>
      stances
        .filter((row) => row.suggestionId === id && row.stance === stance)
        .map((row) => names.affiliation(row.affiliationId));
    const decided = new Set(decisions.map((row) => row.suggestionId));
    return [
      ...open
        .filter((suggestion) => !decided.has(suggestion.id))
        .map((suggestion): Suggestion => ({
          id: suggestion.id,
          clauseId: suggestion.clauseId,
          kind: suggestion.kind,
          text: suggestion.text,
          delegation: names.affiliation(suggestion.delegation),
          author: names.user(suggestion.author),
          at: suggestion.at,
          status: 'open',
          supporters: positions(suggestion.id, 'support'),
          opponents: positions(suggestion.id, 'oppose'),
          decidedBy: null,
          decidedAt: null,
        })),
      ...decisions.map((row): Suggestion => ({
        id: row.suggestionId,
        clauseId: row.clauseId,
        kind: row.kind,
        text: row.text,
        delegation: names.affiliation(row.delegationId),
        author: names.user(row.authorId),
        at: row.suggestedAt,
        status: row.decision,
        supporters: positions(row.suggestionId, 'support'),
        opponents: positions(row.suggestionId, 'oppose'),
        decidedBy: names.user(row.decidedBy),
        decidedAt: row.decidedAt,
      })),
    ];
  }

  /** One suggestion as `list` gives it. */
  async get(draftId: string, id: string): Promise<Suggestion> {
    const found = (await this.list(draftId)).find((suggestion) => suggestion.id === id);
    if (!found) throw notFound();
    return found;
  }

  /**
   * Decides an open suggestion: `accepted` keeps inserted words (taking the mark off) or removes
   * words proposed for deletion (leaving any that another delegation's insertion still proposes);
   * `rejected` and `withdrawn` do the reverse. Only its author withdraws (the route checks the role).
   */
  async decide(draftId: string, id: string, decision: Decision, actor: SuggestionActor): Promise<Suggestion> {
    const suggestion = await this.openOne(draftId, id);
    if (decision === 'withdrawn' && suggestion.author !== actor.userId) {
      throw new ApiError(403, 'not_your_suggestion', 'Only the person who made a suggestion can withdraw it.');
    }
    await this.apply(draftId, [suggestion], decision, actor);
    return this.get(draftId, id);
  }

  /** Accepts or rejects every open suggestion in one clause, as one change to the text. */
  async decideClause(
    draftId: string,
    clauseId: string,
    decision: 'accepted' | 'rejected',
    actor: SuggestionActor,
  ): Promise<Suggestion[]> {
    const open = (await this.open(draftId)).filter((suggestion) => suggestion.clauseId === clauseId);
    const decided = new Set((await this.storage.listSuggestionDecisions(draftId)).map((row) => row.suggestionId));
    const pending = open.filter((suggestion) => !decided.has(suggestion.id));
    if (pending.length > 0) await this.apply(draftId, pending, decision, actor);
    const ids = new Set(pending.map((suggestion) => suggestion.id));
    return (await this.list(draftId)).filter((suggestion) => ids.has(suggestion.id));
  }

  /** A delegation supports or opposes someone else's suggestion, or takes its position back (null). */
  async takeStance(
    draftId: string,
    id: string,
    stance: SuggestionStance | null,
    actor: SuggestionActor,
  ): Promise<Suggestion> {
    const suggestion = await this.openOne(draftId, id);
    if (suggestion.delegation === actor.affiliationId) {
      throw new ApiError(409, 'own_suggestion', 'A delegation does not support or oppose its own suggestion.');
    }
    await this.storage.setSuggestionStance({
      draftId,
      suggestionId: id,
      affiliationId: actor.affiliationId,
      stance,
      userId: actor.userId,
      at: new Date().toISOString(),
    });
    return this.get(draftId, id);
  }

  private async open(draftId: string): Promise<OpenSuggestion[]> {
    const open = await this.registry.withDocument(draftId, async (document) =>
      readSuggestions(documentJSON(document.doc)),
    );
    if (!open) throw draftNotFound();
    return open;
  }

  private async openOne(draftId: string, id: string): Promise<OpenSuggestion> {
    const suggestion = (await this.open(draftId)).find((candidate) => candidate.id === id);
    if (suggestion) return suggestion;
    const decided = (await this.storage.listSuggestionDecisions(draftId)).find((row) => row.suggestionId === id);
    throw decided ? notOpen(decided.decision) : notFound();
  }

  /** Applies decisions to the live text as one server change (its author the actor, so the history names them), then records them. */
  private async apply(
    draftId: string,
    suggestions: OpenSuggestion[],
    decision: Decision,
    actor: SuggestionActor,
  ): Promise<void> {
    await this.registry.withDocument(draftId, (document) =>
      document.transactAsServer((doc) => {
        for (const suggestion of suggestions) {
          const keepWords = (suggestion.kind === 'insert') === (decision === 'accepted');
          for (const run of runsOfSuggestion(doc, suggestion.kind, suggestion.id)) {
            if (keepWords || (suggestion.kind === 'delete' && run.otherInsertion))
              run.text.format(run.offset, run.length, { [run.key]: null });
            else run.text.delete(run.offset, run.length);
          }
        }
      }, actor.userId),
    );
    const decidedAt = new Date().toISOString();
    for (const suggestion of suggestions) {
      await this.storage.recordSuggestionDecision({
        draftId,
        suggestionId: suggestion.id,
        clauseId: suggestion.clauseId,
        kind: suggestion.kind as SuggestionKind,
        text: suggestion.text,
        delegationId: suggestion.delegation,
        authorId: suggestion.author,
        suggestedAt: suggestion.at,
        decision,
        decidedBy: actor.userId,
        decidedAt,
      });
    }
  }
}
