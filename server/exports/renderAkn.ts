import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { PILLARS } from '../../shared/pillars';
import { withoutControlCharacters } from './safeText';
import type { ExportClause, ExportText } from './textModel';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/**
 * A new Akoma Ntoso document's root element. Characters XML 1.0 forbids (most C0 controls,
 * U+FFFE, U+FFFF), which the editor and the API let through in titles, labels, names and text,
 * are dropped from every text and attribute on the way in, so the file always parses.
 */
export function aknDocument(): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele(AKN_NAMESPACE, 'akomaNtoso');
}

/**
 * User text as xmlbuilder2 must be given it to write it as text: without control characters (see
 * `withoutControlCharacters`), and with every `&` as `&amp;`. xmlbuilder2 leaves an `&` that looks
 * like the start of a reference (`&lt;`, `&#38;`, `&D;`) as it is, so `R&D;` in a clause would
 * not parse and `&lt;` would read back as `<`; given as `&amp;`, every `&` is written as that.
 */
export function aknText(text: string): string {
  return withoutControlCharacters(text).replaceAll('&', '&amp;');
}

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
export function aknToken(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

/** The eId of a delegation or organisation in `references`, the same in every Akoma Ntoso export. */
export function aknOrgEId(org: Pick<AknOrganization, 'code' | 'name'>): string {
  return `org-${aknToken(org.code ?? org.name)}`;
}

/** The href of a delegation or organisation's `TLCOrganization`. */
export function aknOrgHref(org: Pick<AknOrganization, 'code' | 'name'>): string {
  return `/ontology/organization/${aknToken(org.code ?? org.name)}`;
}

/** The FRBR work IRI of a draft: every version of its text is an expression of this work. */
export function aknDraftWork(draftId: string): string {
  return `/akn/un/act/norms/${aknToken(draftId)}`;
}

/** The FRBR expression IRI of a version of a draft, as {@link renderAkn} writes it. */
export function aknVersionExpression(draftId: string, versionId: string): string {
  return `${aknDraftWork(draftId)}/eng@${aknToken(versionId)}`;
}

/** The eId a clause is written with ("OP3" → `para_3`, "PP2" → `recs__rec_2`), so other documents can point at it. */
export function aknClauseEId(number: string): string {
  return number.startsWith('PP') ? `recs__rec_${number.slice(2)}` : `para_${number.slice(2)}`;
}

/** An author of an FRBR level: a reference (`#eId`) to a TLCOrganization or TLCPerson, with its role (`#eId` of a TLCRole) if any. */
export interface AknAuthor {
  href: string;
  as?: string;
}

/**
 * Writes one FRBR level (FRBRWork, FRBRExpression or FRBRManifestation) of `identification`
 * with the elements every level needs (this, uri, date, one or more authors), and returns it
 * for the level's own elements.
 */
export function aknFrbrLevel(
  identification: XMLBuilder,
  level: { name: string; uri: string; date: string; dateName: string; authors: readonly AknAuthor[] },
): XMLBuilder {
  const element = identification.ele(level.name);
  element.ele('FRBRthis', { value: `${level.uri}/!main` });
  element.ele('FRBRuri', { value: level.uri });
  element.ele('FRBRdate', { date: level.date, name: level.dateName });
  for (const author of level.authors)
    element.ele('FRBRauthor', { href: author.href, ...(author.as ? { as: author.as } : {}) });
  return element;
}

/** The eId of a pillar's `classification/keyword`, the same in every Akoma Ntoso export. */
export function aknPillarEId(key: string): string {
  return `pillar-${key}`;
}

/** Writes the pillars among `keys` as `classification/keyword`s of `meta`, in taxonomy order; nothing when there are none. */
export function aknPillarClassification(meta: XMLBuilder, keys: ReadonlySet<string>): void {
  const used = PILLARS.filter((pillar) => keys.has(pillar.key));
  if (used.length === 0) return;
  const classification = meta.ele('classification', { source: '#accord' });
  for (const pillar of used)
    classification.ele('keyword', {
      eId: aknPillarEId(pillar.key),
      value: pillar.key,
      showAs: pillar.label,
      dictionary: '#accord-pillars',
    });
}

function writeParagraph(body: XMLBuilder, clause: ExportClause): void {
  const eId = aknClauseEId(clause.number);
  const paragraph = body.ele('paragraph', {
    eId,
    ...(clause.pillars.length > 0 ? { refersTo: clause.pillars.map((p) => `#${aknPillarEId(p.key)}`).join(' ') } : {}),
    // AKN's own `status` is about editorial state; how far a clause is agreed goes in `class`.
    class: `status-${clause.status}`,
  });
  paragraph.ele('num').txt(clause.number);
  const [first, ...rest] = clause.blocks;
  const subparagraphs = rest.filter((block) => block.letter);
  if (subparagraphs.length === 0) {
    const content = paragraph.ele('content');
    for (const block of clause.blocks) content.ele('p').txt(aknText(block.text));
    return;
  }
  paragraph
    .ele('intro')
    .ele('p')
    .txt(aknText(first?.text ?? ''));
  for (const block of rest) {
    if (!block.letter) {
      paragraph.ele('wrapUp').ele('p').txt(aknText(block.text));
      continue;
    }
    const letter = block.letter.replace(/[()]/g, '');
    const point = paragraph.ele('point', { eId: `${eId}__point_${letter}` });
    point.ele('num').txt(block.letter);
    point.ele('content').ele('p').txt(aknText(block.text));
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
  const work = aknDraftWork(options.draftId);
  const expression = options.versionId
    ? aknVersionExpression(options.draftId, options.versionId)
    : `${work}/eng@${date}`;
  const root = aknDocument();
  const act = root.ele('act', { name: 'norms', contains: options.versionId ? 'singleVersion' : 'originalVersion' });

  const meta = act.ele('meta');
  const identification = meta.ele('identification', { source: '#accord' });
  const frbr = (name: string, uri: string, dateName: string, author: string) =>
    aknFrbrLevel(identification, { name, uri, date, dateName, authors: [{ href: author }] });
  const workLevel = frbr('FRBRWork', work, 'creation', '#secretariat');
  workLevel.ele('FRBRcountry', { value: 'un' });
  workLevel.ele('FRBRname', { value: aknText(text.title) });
  const expressionLevel = frbr('FRBRExpression', expression, aknToken(text.label), '#secretariat');
  expressionLevel.ele('FRBRversionNumber', { value: aknText(text.label) });
  expressionLevel.ele('FRBRlanguage', { language: 'eng' });
  frbr('FRBRManifestation', `${expression}/main.xml`, 'export', '#accord');

  aknPillarClassification(
    meta,
    new Set([...text.preamble, ...text.operative].flatMap((clause) => clause.pillars.map((p) => p.key))),
  );

  const references = meta.ele('references', { source: '#accord' });
  references.ele('TLCOrganization', { eId: 'accord', href: '/ontology/organization/accord', showAs: 'Accord' });
  references.ele('TLCOrganization', {
    eId: 'secretariat',
    href: '/ontology/organization/secretariat',
    showAs: 'Secretariat',
  });
  for (const org of options.organizations) {
    references.ele('TLCOrganization', { eId: aknOrgEId(org), href: aknOrgHref(org), showAs: aknText(org.name) });
  }

  act.ele('preface').ele('p', { class: 'title' }).ele('docTitle').txt(aknText(text.title));

  if (text.preamble.length > 0) {
    const recitals = act.ele('preamble').ele('recitals', { eId: 'recs' });
    for (const clause of text.preamble) {
      const recital = recitals.ele('recital', {
        eId: aknClauseEId(clause.number),
        ...(clause.pillars.length > 0
          ? { refersTo: clause.pillars.map((p) => `#${aknPillarEId(p.key)}`).join(' ') }
          : {}),
      });
      recital.ele('num').txt(clause.number);
      for (const block of clause.blocks)
        recital.ele('p').txt(aknText(block.letter ? `${block.letter} ${block.text}` : block.text));
    }
  }

  const body = act.ele('body');
  for (const clause of text.operative) writeParagraph(body, clause);
  if (text.operative.length === 0) body.ele('paragraph', { eId: 'para_1' }).ele('content').ele('p');

  return root.end({ prettyPrint: true });
}
