import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { PILLARS } from '../../shared/pillars';
import type { ExportClause, ExportText } from './textModel';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** A delegation or organisation named in the document's references. */
export interface AknOrganization {
  id: string;
  name: string;
  code: string | null;
}

export interface AknOptions {
  draftId: string;
  /** The version id, or null for the live text (then the expression is dated now and labelled "live"). */
  versionId: string | null;
  /** Delegations and organisations taking part in the draft. */
  organizations: AknOrganization[];
}

/** An id usable in eId/href values: letters, digits, '-' and '_'. */
function token(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

function orgEId(org: AknOrganization): string {
  return `org-${token(org.code ?? org.name)}`;
}

function pillarEId(key: string): string {
  return `pillar-${key}`;
}

function writeParagraph(body: XMLBuilder, clause: ExportClause): void {
  const eId = `para_${clause.number.slice(2)}`;
  const paragraph = body.ele('paragraph', {
    eId,
    ...(clause.pillars.length > 0 ? { refersTo: clause.pillars.map((p) => `#${pillarEId(p.key)}`).join(' ') } : {}),
    // AKN's own `status` is about editorial state; how far a clause is agreed goes in `class`.
    class: `status-${clause.status}`,
  });
  paragraph.ele('num').txt(clause.number);
  const [first, ...rest] = clause.blocks;
  const subparagraphs = rest.filter((block) => block.letter);
  if (subparagraphs.length === 0) {
    const content = paragraph.ele('content');
    for (const block of clause.blocks) content.ele('p').txt(block.text);
    return;
  }
  paragraph.ele('intro').ele('p').txt(first?.text ?? '');
  for (const block of rest) {
    if (!block.letter) {
      paragraph.ele('wrapUp').ele('p').txt(block.text);
      continue;
    }
    const letter = block.letter.replace(/[()]/g, '');
    const point = paragraph.ele('point', { eId: `${eId}__point_${letter}` });
    point.ele('num').txt(block.letter);
    point.ele('content').ele('p').txt(block.text);
  }
}

/**
 * The text as an Akoma Ntoso 3.0 `act`: the title in the preface, preambular clauses as
 * recitals, operative clauses as numbered paragraphs (sub-paragraphs as lettered points) with
 * `eId`s, pillars as `classification/keyword`, the delegations and organisations as
 * `references/TLCOrganization`, and the version as the FRBR expression. Valid against the OASIS
 * schema (`server/exports/akn/akomantoso30.xsd`).
 */
export function renderAkn(text: ExportText, options: AknOptions): string {
  const date = text.at.slice(0, 10);
  const work = `/akn/un/act/norms/${token(options.draftId)}`;
  const expression = `${work}/eng@${options.versionId ? token(options.versionId) : date}`;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NAMESPACE, 'akomaNtoso');
  const act = root.ele('act', { name: 'norms', contains: options.versionId ? 'singleVersion' : 'originalVersion' });

  const meta = act.ele('meta');
  const identification = meta.ele('identification', { source: '#accord' });
  const frbr = (name: string, uri: string, dateName: string, author: string) => {
    const level = identification.ele(name);
    level.ele('FRBRthis', { value: `${uri}/!main` });
    level.ele('FRBRuri', { value: uri });
    level.ele('FRBRdate', { date, name: dateName });
    level.ele('FRBRauthor', { href: author });
    return level;
  };
  const workLevel = frbr('FRBRWork', work, 'creation', '#secretariat');
  workLevel.ele('FRBRcountry', { value: 'un' });
  workLevel.ele('FRBRname', { value: text.title });
  const expressionLevel = frbr('FRBRExpression', expression, token(text.label), '#secretariat');
  expressionLevel.ele('FRBRversionNumber', { value: text.label });
  expressionLevel.ele('FRBRlanguage', { language: 'eng' });
  frbr('FRBRManifestation', `${expression}/main.xml`, 'export', '#accord');

  const usedPillars = PILLARS.filter((pillar) => [...text.preamble, ...text.operative].some((clause) => clause.pillars.some((p) => p.key === pillar.key)));
  if (usedPillars.length > 0) {
    const classification = meta.ele('classification', { source: '#accord' });
    for (const pillar of usedPillars) {
      classification.ele('keyword', { eId: pillarEId(pillar.key), value: pillar.key, showAs: pillar.label, dictionary: '#accord-pillars' });
    }
  }

  const references = meta.ele('references', { source: '#accord' });
  references.ele('TLCOrganization', { eId: 'accord', href: '/ontology/organization/accord', showAs: 'Accord' });
  references.ele('TLCOrganization', { eId: 'secretariat', href: '/ontology/organization/secretariat', showAs: 'Secretariat' });
  for (const org of options.organizations) {
    references.ele('TLCOrganization', { eId: orgEId(org), href: `/ontology/organization/${token(org.code ?? org.name)}`, showAs: org.name });
  }

  act.ele('preface').ele('p', { class: 'title' }).ele('docTitle').txt(text.title);

  if (text.preamble.length > 0) {
    const recitals = act.ele('preamble').ele('recitals', { eId: 'recs' });
    for (const clause of text.preamble) {
      const recital = recitals.ele('recital', {
        eId: `recs__rec_${clause.number.slice(2)}`,
        ...(clause.pillars.length > 0 ? { refersTo: clause.pillars.map((p) => `#${pillarEId(p.key)}`).join(' ') } : {}),
      });
      recital.ele('num').txt(clause.number);
      for (const block of clause.blocks) recital.ele('p').txt(block.letter ? `${block.letter} ${block.text}` : block.text);
    }
  }

  const body = act.ele('body');
  for (const clause of text.operative) writeParagraph(body, clause);
  if (text.operative.length === 0) body.ele('paragraph', { eId: 'para_1' }).ele('content').ele('p');

  return root.end({ prettyPrint: true });
}
