import type { Taxonomy } from '../../../shared/pillars';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { BlockRedline, WordChange } from '../../../shared/redline';
import { pointChangeText, touchesPoints } from '../../../shared/review/pointChanges';
import type { AmendmentStatus } from '../../../shared/review/amendmentStatus';
import { AMENDMENT_STATUS_LABELS } from '../../../shared/review/amendmentStatus';
import type { AffiliationRef, Amendment, PersonRef, ReviewCycle } from '../../../shared/review/types';
import { redlineLines } from '../../exports/redlineLayout';
import {
  aknClauseEId,
  aknDocument,
  aknFrbrLevel,
  aknOrgEId,
  aknOrgHref,
  aknPillarClassification,
  aknPillarEId,
  aknText,
  aknToken,
  aknVersionExpression,
} from '../../exports/renderAkn';
import {
  acceptedCoSponsors,
  amendmentAction,
  amendmentDecision,
  contentNoteParts,
  decisionLabel,
  liveChangeNote,
} from './amendmentModel';

export interface AmendmentAknInput {
  draftTitle: string;
  draftId: string;
  cycle: ReviewCycle;
  amendment: Amendment;
  /** The amended clause's number in the base version ("OP2"). */
  baseClauseNumber: string;
  /** The draft's pillars. */
  taxonomy: Taxonomy;
}

function personEId(person: PersonRef): string {
  return `person-${aknToken(person.id)}`;
}

function statusEId(status: AmendmentStatus): string {
  return `status-${status}`;
}

/** The FRBR work of an amendment: one per amendment of a cycle, named by its label once it has a number. */
function amendmentWork(input: AmendmentAknInput): string {
  const { amendment } = input;
  const name = amendment.number === null ? aknToken(amendment.id) : `a-${amendment.number}`;
  return `/akn/un/amendment/norms/${aknToken(input.draftId)}/${aknToken(input.cycle.id)}/${name}`;
}

/** Writes a line of word changes into `p`: unchanged words as text, insertions in `ins`, deletions in `del`. */
function writeWords(p: XMLBuilder, words: readonly WordChange[]): void {
  for (const word of words) {
    if (word.op === 'equal') p.txt(aknText(word.text));
    else p.ele(word.op === 'insert' ? 'ins' : 'del').txt(aknText(word.text));
  }
}

/** Writes a redline as one `p` per line of the clause (its opening words, then each point, its level in its class). */
function writeRedline(container: XMLBuilder, blocks: readonly BlockRedline[], className: string): void {
  for (const line of redlineLines({ blocks }))
    writeWords(
      container.ele('p', { class: line.level > 0 ? `${className} point level-${line.level}` : className }),
      line.words,
    );
}

function writeMeta(
  amendmentElement: XMLBuilder,
  input: AmendmentAknInput,
  sponsor: AffiliationRef,
  coSponsors: readonly AffiliationRef[],
): void {
  const { amendment } = input;
  const work = amendmentWork(input);
  const changed = amendment.updatedAt.slice(0, 10);
  const expression = `${work}/eng@${changed}`;
  const authors = [
    { href: `#${aknOrgEId(sponsor)}`, as: '#sponsor' },
    ...coSponsors.map((org) => ({ href: `#${aknOrgEId(org)}`, as: '#co-sponsor' })),
  ];

  const meta = amendmentElement.ele('meta');
  const identification = meta.ele('identification', { source: '#accord' });
  const workLevel = aknFrbrLevel(identification, {
    name: 'FRBRWork',
    uri: work,
    date: (amendment.submittedAt ?? amendment.createdAt).slice(0, 10),
    dateName: amendment.submittedAt ? 'submission' : 'creation',
    authors,
  });
  workLevel.ele('FRBRcountry', { value: 'un' });
  if (amendment.number !== null) workLevel.ele('FRBRnumber', { value: aknText(amendment.label) });
  workLevel.ele('FRBRname', { value: aknText(`Amendment ${amendment.label} to ${input.draftTitle}`) });
  const expressionLevel = aknFrbrLevel(identification, {
    name: 'FRBRExpression',
    uri: expression,
    date: changed,
    dateName: 'lastChange',
    authors,
  });
  expressionLevel.ele('FRBRlanguage', { language: 'eng' });
  aknFrbrLevel(identification, {
    name: 'FRBRManifestation',
    uri: `${expression}/main.xml`,
    date: changed,
    dateName: 'export',
    authors: [{ href: '#accord' }],
  });

  aknPillarClassification(meta, new Set(amendment.pillars), input.taxonomy);

  if (amendment.transitions.length > 0) {
    const workflow = meta.ele('workflow', { source: '#accord' });
    for (const transition of amendment.transitions) {
      workflow.ele('step', {
        date: transition.at.slice(0, 10),
        by: `#${personEId(transition.by)}`,
        outcome: `#${statusEId(transition.to)}`,
      });
    }
  }

  const references = meta.ele('references', { source: '#accord' });
  references.ele('TLCOrganization', { eId: 'accord', href: '/ontology/organization/accord', showAs: 'Accord' });
  for (const org of [sponsor, ...coSponsors])
    references.ele('TLCOrganization', { eId: aknOrgEId(org), href: aknOrgHref(org), showAs: aknText(org.name) });
  const people = new Map(
    [amendment.createdBy, ...amendment.transitions.map((t) => t.by)].map((person) => [personEId(person), person]),
  );
  for (const [eId, person] of people)
    references.ele('TLCPerson', {
      eId,
      href: `/ontology/person/accord/${aknToken(person.id)}`,
      showAs: aknText(person.name),
    });
  references.ele('TLCRole', { eId: 'sponsor', href: '/ontology/role/accord/sponsor', showAs: 'Sponsor' });
  if (coSponsors.length > 0)
    references.ele('TLCRole', { eId: 'co-sponsor', href: '/ontology/role/accord/co-sponsor', showAs: 'Co-sponsor' });
  const statuses = new Set<AmendmentStatus>([amendment.status, ...amendment.transitions.map((t) => t.to)]);
  for (const status of statuses)
    references.ele('TLCConcept', {
      eId: statusEId(status),
      href: `/ontology/concept/accord/amendmentStatus/${status}`,
      showAs: AMENDMENT_STATUS_LABELS[status],
    });
}

function writePreface(
  amendmentElement: XMLBuilder,
  input: AmendmentAknInput,
  sponsors: AffiliationRef[],
  baseHref: string,
): void {
  const { amendment, cycle } = input;
  const preface = amendmentElement.ele('preface');
  const title = preface.ele('p', { class: 'title' });
  title.ele('docNumber').txt(aknText(amendment.label));
  title.txt(' ');
  title.ele('docTitle').txt(aknText(`Amendment to ${input.draftTitle}`));

  const affects = preface.ele('p', { class: 'affects' });
  affects.txt('To ');
  affects.ele('affectedDocument', { href: baseHref }).txt(aknText(`${input.draftTitle}, ${cycle.baseVersion.label}`));
  affects.txt(aknText(`, in the review “${cycle.name}”`));

  const proponents = preface.ele('p', { class: 'proponents' });
  sponsors.forEach((org, index) => {
    proponents.txt(index === 0 ? 'Proposed by ' : index === 1 ? ', co-sponsored by ' : ', ');
    proponents
      .ele('docProponent', { refersTo: `#${aknOrgEId(org)}`, as: index === 0 ? '#sponsor' : '#co-sponsor' })
      .txt(aknText(org.name));
  });

  const status = preface.ele('p', { class: 'status' });
  status.txt('Status: ');
  status
    .ele('docStatus', { refersTo: `#${statusEId(amendment.status)}` })
    .txt(AMENDMENT_STATUS_LABELS[amendment.status]);
  const decision = amendmentDecision(amendment);
  if (decision) {
    status.txt(` by ${decisionLabel(decision.decision)}, `);
    status.ele('docDate', { date: decision.at.slice(0, 10) }).txt(decision.at.slice(0, 10));
  }
  if (amendment.submittedAt) {
    const submitted = preface.ele('p', { class: 'submitted' });
    submitted.txt('Submitted ');
    submitted.ele('docDate', { date: amendment.submittedAt.slice(0, 10) }).txt(amendment.submittedAt.slice(0, 10));
  }
  const live = liveChangeNote({ ...amendment, clauseNumber: input.baseClauseNumber });
  if (live) preface.ele('p', { class: 'live-change' }).txt(aknText(live));
}

function writeBody(amendmentElement: XMLBuilder, input: AmendmentAknInput, baseHref: string): void {
  const { amendment, baseClauseNumber } = input;
  const clauseRef = (p: XMLBuilder, eId: string) =>
    p.ele('ref', { eId, href: `${baseHref}/!main~${aknClauseEId(baseClauseNumber)}` }).txt(baseClauseNumber);
  const body = amendmentElement.ele('amendmentBody');

  const heading = body.ele('amendmentHeading').ele('p');
  heading.txt(aknText(`${amendment.label} — ${amendment.kind === 'add' ? 'after ' : ''}`));
  clauseRef(heading, 'ref_heading');
  heading.txt(` (${amendmentAction(amendment)})`);

  const content = body.ele(
    'amendmentContent',
    amendment.pillars.length > 0 ? { refersTo: amendment.pillars.map((key) => `#${aknPillarEId(key)}`).join(' ') } : {},
  );
  const [before, after] = contentNoteParts(amendment.kind);
  const instruction = content.ele('p', { class: 'instruction' });
  instruction.txt(before);
  clauseRef(instruction, 'ref_content');
  instruction.txt(after);
  if (touchesPoints(amendment.pointChanges, amendment.clauseNumber))
    content.ele('p', { class: 'changes' }).txt(aknText(amendment.pointChanges.map(pointChangeText).join('; ')));
  writeRedline(content, amendment.blocks, amendment.kind === 'delete' ? 'deleted' : 'proposed');
  if (amendment.revised) {
    content.ele('p', { class: 'instruction' }).txt('As orally revised and adopted:');
    writeRedline(content, amendment.revised.blocks, 'revised');
  }

  const justification = body.ele('amendmentJustification');
  const paragraphs = amendment.justification.split('\n').filter((line) => line.trim());
  if (paragraphs.length === 0) justification.ele('p');
  for (const text of paragraphs) justification.ele('p').txt(aknText(text));
}

/**
 * One amendment as an Akoma Ntoso 3.0 `amendment` document, valid against the OASIS schema:
 * the FRBR identification (the amendment as a work authored by its sponsor and accepted
 * co-sponsors), its pillars as `classification`, its status history as a `workflow`, the
 * delegations, people, roles and statuses as `references`; a preface naming the affected text
 * (the base version, with the same IRI as its own Akoma Ntoso export), the sponsors as
 * `docProponent`s and the status with its decision; and the `amendmentBody`: heading, the
 * proposed wording with `ins`/`del` against the base clause (the whole new clause inserted, or
 * the whole deleted one struck, after a sentence saying so), and the justification.
 */
export function renderAmendmentAkn(input: AmendmentAknInput): string {
  const sponsor = input.amendment.sponsor;
  // One reference per delegation: a sponsor listed again as a co-sponsor would repeat an eId.
  const coSponsors = acceptedCoSponsors(input.amendment).filter(
    (org, index, all) =>
      aknOrgEId(org) !== aknOrgEId(sponsor) && all.findIndex((o) => aknOrgEId(o) === aknOrgEId(org)) === index,
  );
  const baseHref = aknVersionExpression(input.draftId, input.cycle.baseVersion.id);
  const root = aknDocument();
  const amendmentElement = root.ele('amendment', { name: 'amendment', contains: 'originalVersion' });
  writeMeta(amendmentElement, input, sponsor, coSponsors);
  writePreface(amendmentElement, input, [sponsor, ...coSponsors], baseHref);
  writeBody(amendmentElement, input, baseHref);
  // Not pretty-printed: the redline's paragraphs are mixed content, and indenting would put
  // spaces and line breaks into the proposed wording between its words and its ins/del.
  return root.end();
}
