import type { Suggestion, SuggestionStance } from '../../shared/suggestions';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON } from '../drafts/documentOutline';
import { ApiError, draftNotFound } from '../errors';
import type { Logger } from '../logger';
import { namesOf } from '../negotiation/names';
import type { Storage, SuggestionDecisionRecord } from '../storage/Storage';
import { isStorageFailure } from '../storage/storageFailure';
import type { Decision } from './applyDecisions';
import { applyDecisions } from './applyDecisions';
import type { OpenSuggestion } from './readSuggestions';
import { readSuggestions } from './readSuggestions';

/** Who acts on a suggestion: the person and the delegation they speak for. */
export interface SuggestionActor {
  userId: string;
  affiliationId: string;
}

const notFound = (): ApiError => new ApiError(404, 'suggestion_not_found', 'The draft has no suggestion with that id.');
const notOpen = (decision: string): ApiError =>
  new ApiError(409, 'suggestion_decided', `This suggestion was already ${decision}; nothing was changed.`);
const gone = (): ApiError =>
  new ApiError(409, 'suggestion_gone', 'This suggestion is no longer in the text; nothing was changed.');

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
    private readonly logger: Logger,
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
    // Marks in the text win: a suggestion decided once and brought back by a restore is open again.
    const inText = new Set(open.map((suggestion) => suggestion.id));
    return [
      ...open.map((suggestion): Suggestion => ({
        id: suggestion.id,
        clauseId: suggestion.clauseId,
        kind: suggestion.kind,
        text: suggestion.text,
        wholeParagraph: suggestion.wholeParagraph,
        delegation: names.affiliation(suggestion.delegation),
        author: names.user(suggestion.author),
        at: suggestion.at,
        status: 'open',
        supporters: positions(suggestion.id, 'support'),
        opponents: positions(suggestion.id, 'oppose'),
        decidedBy: null,
        decidedAt: null,
      })),
      ...decisions
        .filter((row) => !inText.has(row.suggestionId))
        .map((row): Suggestion => ({
          id: row.suggestionId,
          clauseId: row.clauseId,
          kind: row.kind,
          text: row.text,
          wholeParagraph: false,
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
   * Decides an open suggestion as one server change to the text (see `applyDecisions`) and
   * records it with its audit entry. Only its author withdraws (the route checks the role).
   * 409 when it was decided or left the text before the change could be made.
   */
  async decide(draftId: string, id: string, decision: Decision, actor: SuggestionActor): Promise<Suggestion> {
    const suggestion = await this.openOne(draftId, id);
    if (decision === 'withdrawn' && suggestion.author !== actor.userId) {
      throw new ApiError(403, 'not_your_suggestion', 'Only the person who made a suggestion can withdraw it.');
    }
    const [record] = await this.apply(draftId, [suggestion], decision, actor);
    if (!record) throw await this.noLongerOpen(draftId, id);
    await this.record(draftId, [record], actor, `suggestion.${decision}`, {
      suggestionId: record.suggestionId,
      clauseId: record.clauseId,
      kind: record.kind,
      text: record.text,
      delegationId: record.delegationId,
      authorId: record.authorId,
    });
    return this.get(draftId, id);
  }

  /** Accepts or rejects every open suggestion in one clause, as one change to the text, recorded with one audit entry. */
  async decideClause(
    draftId: string,
    clauseId: string,
    decision: 'accepted' | 'rejected',
    actor: SuggestionActor,
  ): Promise<Suggestion[]> {
    const open = (await this.open(draftId)).filter((suggestion) => suggestion.clauseId === clauseId);
    const records = open.length > 0 ? await this.apply(draftId, open, decision, actor) : [];
    const ids = records.map((record) => record.suggestionId);
    await this.record(draftId, records, actor, `suggestion.${decision}-all`, { clauseId, suggestionIds: ids });
    const decided = new Set(ids);
    return (await this.list(draftId)).filter((suggestion) => decided.has(suggestion.id));
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

  /** Why a suggestion seen open a moment ago could not be decided: decided meanwhile, or gone from the text. */
  private async noLongerOpen(draftId: string, id: string): Promise<ApiError> {
    const decided = (await this.storage.listSuggestionDecisions(draftId)).find((row) => row.suggestionId === id);
    return decided ? notOpen(decided.decision) : gone();
  }

  /**
   * Applies a decision to the live text as one server change, its author the actor (so the history
   * names them), and returns the records of the suggestions it found there, not yet stored.
   */
  private async apply(
    draftId: string,
    suggestions: OpenSuggestion[],
    decision: Decision,
    actor: SuggestionActor,
  ): Promise<Omit<SuggestionDecisionRecord, 'decidedAt'>[]> {
    let applied: OpenSuggestion[] = [];
    await this.registry.withDocument(draftId, (document) =>
      document.transactAsServer((doc) => {
        applied = applyDecisions(doc, suggestions, decision);
      }, actor.userId),
    );
    return applied.map((suggestion) => ({
      draftId,
      suggestionId: suggestion.id,
      clauseId: suggestion.clauseId,
      kind: suggestion.kind,
      text: suggestion.text,
      delegationId: suggestion.delegation,
      authorId: suggestion.author,
      suggestedAt: suggestion.at,
      decision,
      decidedBy: actor.userId,
    }));
  }

  /**
   * Stores decisions and their audit entry together, stamped with one time. The text has already
   * changed: if the disk fails now, the request still succeeds (answering "nothing was changed"
   * would be untrue) and what the record would have said is logged, as `audit` does.
   */
  private async record(
    draftId: string,
    records: Omit<SuggestionDecisionRecord, 'decidedAt'>[],
    actor: SuggestionActor,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    const at = new Date().toISOString();
    const decisions = records.map((record) => ({ ...record, decidedAt: at }));
    const entry = { at, actorId: actor.userId, draftId, action, details };
    try {
      await this.storage.recordSuggestionDecisions(decisions, entry);
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.logger.error({ err: error, decisions, audit: entry }, 'a decision on suggestions could not be recorded');
    }
  }
}
