import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Taxonomy } from '../../shared/pillars';
import { withoutControlCharacters } from './safeText';

/*
 * The names and pieces every Akoma Ntoso document Accord writes shares (the text's export and an
 * amendment's): the namespace, text escaping, eIds, FRBR identification and pillar keywords.
 */

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

/**
 * The eId a clause is written with ("OP3" → `para_3`, "PP2" → `recs__rec_2`, the annex paragraph
 * "A2.3" → `att_2__para_3`), so other documents can point at it. A number that follows another
 * ("OP5 bis", "OP2 Alt 2") keeps its words without spaces (`para_5bis`, `para_2alt2`): an eId
 * holds no whitespace.
 */
export function aknClauseEId(number: string): string {
  const token = (words: string) => words.toLowerCase().replace(/\s+/g, '');
  if (number.startsWith('PP')) return `recs__rec_${token(number.slice(2))}`;
  const annex = /^A(\d+)\.(.+)$/.exec(number);
  if (annex) return `att_${annex[1]}__para_${token(annex[2]!)}`;
  return `para_${token(number.slice(2))}`;
}

/** An author of an FRBR level: a reference (`#eId`) to a TLCOrganization or TLCPerson, with its role (`#eId` of a TLCRole) if any. */
export interface AknAuthor {
  href: string;
  as?: string;
}

/**
 * Writes one FRBR level (FRBRWork, FRBRExpression or FRBRManifestation) of `identification`
 * with the elements every level needs (this, uri, date, one or more authors), and returns it
 * for the level's own elements. `component` names the document it identifies: `main`, or an
 * attached document such as `annex_1`.
 */
export function aknFrbrLevel(
  identification: XMLBuilder,
  level: {
    name: string;
    uri: string;
    date: string;
    dateName: string;
    authors: readonly AknAuthor[];
    component?: string;
  },
): XMLBuilder {
  const element = identification.ele(level.name);
  element.ele('FRBRthis', { value: `${level.uri}/!${level.component ?? 'main'}` });
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

/**
 * Writes the pillars of the draft's `taxonomy` among `keys` as `classification/keyword`s of
 * `meta`, in taxonomy order; nothing when there are none.
 */
export function aknPillarClassification(meta: XMLBuilder, keys: ReadonlySet<string>, taxonomy: Taxonomy): void {
  const used = taxonomy.pillars.filter((pillar) => keys.has(pillar.key));
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
