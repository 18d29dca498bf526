import * as Y from 'yjs';
import { newClauseId } from '../../shared/clauseId';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';
import type { Outline, OutlinePoint } from '../../shared/outline';
import type { Role } from '../../shared/roles';
import type { TestSession } from './session';
import type { TestServer } from './startTestServer';

/**
 * A draft with the structure of a real instrument, for the tests of the rules, the outline and
 * comments: an opening formula, a part and a section, points three levels deep in an open clause
 * (OP1), an agreed clause with points and a footnote (OP2), a plain open clause (OP3) and an annex.
 */
export const STRUCTURED_SPEC: DraftSpec = {
  title: 'Responsible State behaviour in cyberspace',
  formula: 'The General Assembly,',
  preamble: ['Recalling its resolution 70/237^[A/70/174.],'],
  operative: [
    { division: 'part', title: 'Norms' },
    {
      text: 'Calls upon Member States:',
      points: [
        'to protect essential services;',
        {
          text: 'to take into account:',
          points: [
            'the harm caused;',
            { text: 'the risk of escalation, in particular:', points: ['to civilians;', 'to third States;'] },
          ],
        },
        'to report on their measures.',
      ],
    },
    {
      text: 'Decides that States shall^[See A/76/135.]:',
      points: ['notify affected States;', { text: 'consult:', points: ['promptly;'] }],
      status: 'agreed',
    },
    { division: 'section', title: 'Review' },
    'Requests the Secretary-General to report.',
  ],
  annexes: [{ title: 'Voluntary measures', clauses: ['States may share information.'] }],
};

/**
 * Creates the structured draft on a running server, chaired by `chair`, with the other members
 * given their roles, as the drafts service creates any draft (the server writes its text once).
 */
export async function createStructuredDraft(
  s: TestServer,
  chair: TestSession,
  members: { session: TestSession; role: Role }[] = [],
  spec: DraftSpec = STRUCTURED_SPEC,
): Promise<string> {
  const draft = await s.drafts.create(spec.title, {
    content: draftFromSpec(spec, newClauseId),
    chairId: chair.user.id,
  });
  for (const { session, role } of members) await s.storage.setMembership(draft.id, session.user.id, role, new Date());
  return draft.id;
}

/** The outline of a draft through the API, as `session` reads it. */
export async function fetchOutline(session: TestSession, draftId: string): Promise<Outline> {
  const response = await session.api(`/api/drafts/${draftId}/outline`);
  if (response.status !== 200) throw new Error(`outline: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as unknown as Outline;
}

/** The point of the outline with this reference ("OP1(b)(ii)"), with the id of its clause. */
export function pointByReference(outline: Outline, reference: string): OutlinePoint & { clauseId: string } {
  for (const clause of outline.clauses) {
    const point = clause.points.find((candidate) => candidate.reference === reference);
    if (point) return { ...point, clauseId: clause.id };
  }
  throw new Error(`no point ${reference}`);
}

/** The id of the clause numbered `number` ("OP2") in the outline. */
export function clauseIdOf(outline: Outline, number: string): string {
  const clause = outline.clauses.find((candidate) => candidate.number === number);
  if (!clause) throw new Error(`no clause ${number}`);
  return clause.id;
}

/** The element of the Yjs text with this id (a clause, point, division or annex), wherever it is. */
export function elementWithId(doc: Y.Doc, id: string): Y.XmlElement {
  const stack: (Y.XmlElement | Y.XmlFragment)[] = [doc.getXmlFragment(DOCUMENT_FIELD)];
  while (stack.length > 0) {
    for (const child of stack.pop()!.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.getAttribute('id') === id) return child;
      stack.push(child);
    }
  }
  throw new Error(`no element with the id ${id}`);
}

/** The top-level element named `name` ("formula", "operative"), or undefined. */
export function topElement(doc: Y.Doc, name: string): Y.XmlElement | undefined {
  return doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === name);
}

/** The first text of an element's first paragraph (a clause's or a point's own words). */
export function ownText(element: Y.XmlElement): Y.XmlText {
  const paragraph = element.get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** A point as the editor writes it: its own paragraph of `words`, then the points given, without an id. */
export function newPoint(words: string, ...points: Y.XmlElement[]): Y.XmlElement {
  const point = new Y.XmlElement('subparagraph');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  point.insert(0, [paragraph, ...points]);
  return point;
}

/** A footnote element with its note, as the editor writes an inline atom. */
export function newFootnote(note: string): Y.XmlElement {
  const footnote = new Y.XmlElement('footnote');
  footnote.setAttribute('note', note);
  return footnote;
}

/** A division heading (part or section, or any level a raw client claims) with its title. */
export function newDivision(level: string, title: string): Y.XmlElement {
  const division = new Y.XmlElement('division');
  division.setAttribute('level', level);
  division.insert(0, [new Y.XmlText(title)]);
  return division;
}

/** A clause of one paragraph of `words`, open and untagged, without an id. */
export function newClause(words: string): Y.XmlElement {
  const clause = new Y.XmlElement('clause');
  clause.setAttribute('pillars', [] as unknown as string);
  clause.setAttribute('status', 'open');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  clause.insert(0, [paragraph]);
  return clause;
}

/** An annex with its title and one clause, without ids. */
export function newAnnex(title: string, words: string): Y.XmlElement {
  const annex = new Y.XmlElement('annex');
  const heading = new Y.XmlElement('annexTitle');
  heading.insert(0, [new Y.XmlText(title)]);
  annex.insert(0, [heading, newClause(words)]);
  return annex;
}
