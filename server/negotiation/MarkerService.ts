import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { AlternativeView, BracketCounts, BracketView, SettlementView } from '../../shared/negotiation';
import {
  ALTERNATIVE_NODE,
  BRACKET_NODE,
  CLAUSE_ALTERNATIVE_ATTRIBUTE,
  alternativeLabel,
  clauseAlternativeOf,
} from '../../shared/negotiation';
import type { AlternativeSet, BracketSpan } from '../../shared/negotiationMarkers';
import { readMarkers } from '../../shared/negotiationMarkers';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON, documentOutline } from '../drafts/documentOutline';
import { ApiError, draftNotFound } from '../errors';
import type { Storage } from '../storage/Storage';
import type { Names } from './names';
import { namesOf } from './names';

/** Who acts: the person and the delegation they speak for. */
export interface MarkerActor {
  userId: string;
  affiliationId: string;
}

/** Everything `GET …/brackets` answers. */
export interface MarkerListing {
  brackets: BracketView[];
  alternatives: AlternativeView[];
  counts: BracketCounts;
  settled: SettlementView[];
}

const bracketNotFound = (): ApiError =>
  new ApiError(
    404,
    'bracket_not_found',
    'The draft has no open bracket with that id; it may have been lifted already.',
  );
const alternativesNotFound = (): ApiError =>
  new ApiError(
    404,
    'alternatives_not_found',
    'The draft has no open alternatives with that id; one may have been selected already.',
  );

/** The markers with `id` in the live text, each with its parent and index there (last first, to delete in order). */
function markerElements(doc: Y.Doc, name: string, id: string): { parent: Y.XmlElement; index: number }[] {
  const found: { parent: Y.XmlElement; index: number }[] = [];
  const stack: (Y.XmlElement | Y.XmlFragment)[] = [doc.getXmlFragment(DOCUMENT_FIELD)];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    parent.toArray().forEach((child, index) => {
      if (!(child instanceof Y.XmlElement)) return;
      if (child.nodeName === name && child.getAttribute('id') === id && parent instanceof Y.XmlElement)
        found.push({ parent, index });
      else stack.push(child);
    });
  }
  return found.sort((a, b) => (a.parent === b.parent ? b.index - a.index : 0));
}

/**
 * Settles wordings of a whole clause: the chosen clause stays, without its `alternative`, under
 * the id, status and pillars of the set's first clause (so comments, amendments and numbers that
 * name the clause still do); the set's other clauses go.
 */
function keepClauseWording(doc: Y.Doc, setId: string, optionId: string): void {
  const members: { parent: Y.XmlElement; clause: Y.XmlElement; option: string }[] = [];
  const stack: (Y.XmlElement | Y.XmlFragment)[] = [doc.getXmlFragment(DOCUMENT_FIELD)];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const wording =
        child.nodeName === 'clause' ? clauseAlternativeOf(child.getAttribute(CLAUSE_ALTERNATIVE_ATTRIBUTE)) : null;
      if (wording?.set === setId && parent instanceof Y.XmlElement)
        members.push({ parent, clause: child, option: wording.id });
      else if (child.nodeName !== 'clause') stack.push(child);
    }
  }
  const first = members[0]?.clause;
  const chosen = members.find((member) => member.option === optionId)?.clause;
  if (!first || !chosen) return;
  const keep = ['id', 'status', 'pillars'].map((key) => [key, first.getAttribute(key)] as const);
  for (const { parent, clause } of members.reverse()) {
    if (clause !== chosen) parent.delete(parent.toArray().indexOf(clause), 1);
  }
  chosen.removeAttribute(CLAUSE_ALTERNATIVE_ATTRIBUTE);
  for (const [key, value] of keep) if (value !== undefined) chosen.setAttribute(key, value);
}

/**
 * Square brackets and alternatives beyond the text (docs/brackets-and-alternatives.md): who holds
 * a bracket open and who supports which wording, lifting a bracket and selecting a wording (the
 * chair's, as server changes to the live text, recorded with what they held). The markers
 * themselves are written by the editors and judged by the collab gate (`checkMarkers`).
 */
export class MarkerService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
  ) {}

  /** The open brackets and alternatives of the live text, with holders, supporters and counts, and what was settled. */
  async list(draftId: string): Promise<MarkerListing> {
    const read = await this.registry.withDocument(draftId, async (document) => ({
      document: documentJSON(document.doc),
      outline: documentOutline(document.doc),
    }));
    if (!read) throw draftNotFound();
    return this.listIn(draftId, read.document, read.outline);
  }

  /** As `list`, for a text given (a version's, for its negotiation export), with who holds and supports what now. */
  async listIn(draftId: string, document: DocumentNodeJSON, outline: Outline): Promise<MarkerListing> {
    const read = { markers: readMarkers(document), outline };
    const [holdings, support, settlements] = await Promise.all([
      this.storage.listBracketHoldings(draftId),
      this.storage.listAlternativeSupport(draftId),
      this.storage.listSettlements(draftId),
    ]);
    const { brackets: spans, alternatives: sets } = read.markers;
    const names = await namesOf(this.storage, [
      ...spans.map((span) => span.author),
      ...sets.flatMap((set) => set.options.map((option) => option.author)),
      ...settlements.map((row) => row.decidedBy),
    ]);
    const numbers = new Map(read.outline.clauses.map((clause) => [clause.id, clause.number]));
    const brackets = spans.map((span) => {
      const holding = holdings.filter((row) => row.bracketId === span.id);
      return bracketView(span, names, numbers, holding);
    });
    const alternatives = sets.map((set) =>
      alternativeView(
        set,
        names,
        numbers,
        support.filter((row) => row.alternativeId === set.id),
      ),
    );
    return {
      brackets,
      alternatives,
      counts: countBrackets(brackets, read.outline),
      settled: settlements.map((row) => {
        const details = JSON.parse(row.details) as { bracket?: BracketView; alternative?: AlternativeView };
        return {
          markerId: row.markerId,
          kind: row.kind,
          clauseId: row.clauseId,
          bracket: details.bracket ?? null,
          alternative: details.alternative ?? null,
          selectedOption: row.selectedOption,
          decidedBy: names.user(row.decidedBy),
          decidedAt: row.decidedAt,
        };
      }),
    };
  }

  /** A delegation joins (or leaves) those holding a bracket open. */
  async hold(draftId: string, bracketId: string, holding: boolean, actor: MarkerActor): Promise<BracketView> {
    const listing = await this.list(draftId);
    if (!listing.brackets.some((bracket) => bracket.id === bracketId)) throw bracketNotFound();
    await this.storage.setBracketHolding({
      draftId,
      bracketId,
      affiliationId: actor.affiliationId,
      holding: holding ? 1 : 0,
      userId: actor.userId,
      at: new Date().toISOString(),
    });
    return (await this.list(draftId)).brackets.find((bracket) => bracket.id === bracketId)!;
  }

  /** A delegation supports one wording of a set (null: withdraws its support). */
  async support(draftId: string, setId: string, optionId: string | null, actor: MarkerActor): Promise<AlternativeView> {
    const set = (await this.list(draftId)).alternatives.find((candidate) => candidate.id === setId);
    if (!set) throw alternativesNotFound();
    if (optionId !== null && !set.options.some((option) => option.id === optionId)) {
      throw new ApiError(404, 'option_not_found', 'These alternatives have no wording with that id.');
    }
    await this.storage.setAlternativeSupport({
      draftId,
      alternativeId: setId,
      affiliationId: actor.affiliationId,
      optionId,
      userId: actor.userId,
      at: new Date().toISOString(),
    });
    return (await this.list(draftId)).alternatives.find((candidate) => candidate.id === setId)!;
  }

  /** The chair lifts a bracket: both its markers leave the text, the words stay; the record keeps who held it. */
  async removeBracket(draftId: string, bracketId: string, actor: MarkerActor): Promise<SettlementView> {
    const bracket = (await this.list(draftId)).brackets.find((candidate) => candidate.id === bracketId);
    if (!bracket) throw bracketNotFound();
    await this.registry.withDocument(draftId, (document) =>
      document.transactAsServer((doc) => {
        for (const { parent, index } of markerElements(doc, BRACKET_NODE, bracketId)) parent.delete(index, 1);
      }, actor.userId),
    );
    return this.settle(
      draftId,
      { markerId: bracketId, kind: 'bracket', clauseId: bracket.clauseId, bracket },
      null,
      actor,
    );
  }

  /**
   * The chair selects the agreed wording: it stays in the text without markers, the other
   * wordings leave the text, and the record keeps every wording with its supporters.
   */
  async selectAlternative(
    draftId: string,
    setId: string,
    optionId: string,
    actor: MarkerActor,
  ): Promise<SettlementView> {
    const set = (await this.list(draftId)).alternatives.find((candidate) => candidate.id === setId);
    if (!set) throw alternativesNotFound();
    if (!set.options.some((option) => option.id === optionId)) {
      throw new ApiError(404, 'option_not_found', 'These alternatives have no wording with that id.');
    }
    const written = await this.registry.withDocument(draftId, async (document) => {
      if (set.clauseIds.length > 0) {
        await document.transactAsServer((doc) => keepClauseWording(doc, setId, optionId), actor.userId);
        return true;
      }
      const markers = markerElements(document.doc, ALTERNATIVE_NODE, setId);
      const parent = markers[0]?.parent;
      if (!set.closed || !parent || markers.some((marker) => marker.parent !== parent)) {
        throw new ApiError(
          409,
          'alternatives_span_paragraphs',
          'These alternatives do not begin and end in one paragraph, so a wording cannot be selected automatically; edit the text instead.',
        );
      }
      await document.transactAsServer((doc) => {
        const here = markerElements(doc, ALTERNATIVE_NODE, setId).sort((a, b) => a.index - b.index);
        const element = (index: number) => here[0]!.parent.get(index) as Y.XmlElement;
        // Each wording runs from its marker to the next; keep the chosen one's words, drop the rest and every marker.
        const doomed: [number, number][] = [];
        for (let i = 0; i < here.length - 1; i++) {
          const from = here[i]!.index;
          const to = here[i + 1]!.index;
          const chosen = element(from).getAttribute('option') === optionId;
          doomed.push(chosen ? [from, 1] : [from, to - from]);
        }
        doomed.push([here.at(-1)!.index, 1]);
        for (const [from, length] of doomed.reverse()) here[0]!.parent.delete(from, length);
      }, actor.userId);
      return true;
    });
    if (written === undefined) throw draftNotFound();
    return this.settle(
      draftId,
      { markerId: setId, kind: 'alternative', clauseId: set.clauseId, alternative: set },
      optionId,
      actor,
    );
  }

  private async settle(
    draftId: string,
    settled: {
      markerId: string;
      kind: 'bracket' | 'alternative';
      clauseId: string | null;
      bracket?: BracketView;
      alternative?: AlternativeView;
    },
    selectedOption: string | null,
    actor: MarkerActor,
  ): Promise<SettlementView> {
    const decidedAt = new Date().toISOString();
    const { markerId, kind, clauseId, bracket, alternative } = settled;
    await this.storage.recordSettlement({
      draftId,
      markerId,
      kind,
      clauseId,
      details: JSON.stringify({ bracket, alternative }),
      selectedOption,
      decidedBy: actor.userId,
      decidedAt,
    });
    const names = await namesOf(this.storage, [actor.userId]);
    return {
      markerId,
      kind,
      clauseId,
      bracket: bracket ?? null,
      alternative: alternative ?? null,
      selectedOption,
      decidedBy: names.user(actor.userId),
      decidedAt,
    };
  }
}

function bracketView(
  span: BracketSpan,
  names: Names,
  numbers: Map<string, string>,
  holding: { affiliationId: string; holding: 0 | 1 }[],
): BracketView {
  const holders = new Set<string>([span.delegation]);
  for (const row of holding) {
    if (row.holding === 1) holders.add(row.affiliationId);
    else holders.delete(row.affiliationId);
  }
  return {
    id: span.id,
    clauseId: span.clauseId,
    clauseNumber: span.clauseId === null ? null : (numbers.get(span.clauseId) ?? null),
    text: span.text,
    openedBy: { delegation: names.affiliation(span.delegation), author: names.user(span.author) },
    at: span.at,
    holders: [...holders].map(names.affiliation),
    closed: span.closed,
  };
}

function alternativeView(
  set: AlternativeSet,
  names: Names,
  numbers: Map<string, string>,
  support: { affiliationId: string; optionId: string | null }[],
): AlternativeView {
  return {
    id: set.id,
    clauseId: set.clauseId,
    clauseNumber: set.clauseId === null ? null : (numbers.get(set.clauseId) ?? null),
    wholeClause: set.clauseIds.length > 0,
    clauseIds: set.clauseIds,
    closed: set.closed,
    options: set.options.map((option, index) => ({
      id: option.id,
      label: alternativeLabel(index),
      text: option.text,
      proposedBy: { delegation: names.affiliation(option.delegation), author: names.user(option.author) },
      supporters: support
        .filter((row) => row.optionId === option.id)
        .map((row) => names.affiliation(row.affiliationId)),
    })),
  };
}

/** Open brackets per clause number, per pillar of their clause, and per holding delegation. */
function countBrackets(brackets: readonly BracketView[], outline: Outline): BracketCounts {
  const counts: BracketCounts = { byClause: {}, byPillar: {}, byDelegation: {} };
  const add = (into: Record<string, number>, key: string): void => {
    into[key] = (into[key] ?? 0) + 1;
  };
  for (const bracket of brackets) {
    const clause = outline.clauses.find((entry) => entry.id === bracket.clauseId);
    if (clause) {
      add(counts.byClause, clause.number);
      for (const pillar of clause.pillars) add(counts.byPillar, pillar);
    }
    for (const holder of bracket.holders) add(counts.byDelegation, holder.id);
  }
  return counts;
}
