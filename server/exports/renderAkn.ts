import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { TextSnapshot } from '../versions/VersionService';
import type { AknAuthor, AknOrganization } from './aknCommon';
import {
  aknDocument,
  aknDraftWork,
  aknFrbrLevel,
  aknOrgEId,
  aknOrgHref,
  aknPillarClassification,
  aknText,
  aknToken,
  aknVersionExpression,
} from './aknCommon';
import type { AknCursor } from './aknStructure';
import { DRAFT_MARKING } from './textModel';
import { aknCursor, aknGuid, writeEntries, writeRecital } from './aknStructure';

export {
  AKN_NAMESPACE,
  aknClauseEId,
  aknDocument,
  aknDraftWork,
  aknFrbrLevel,
  aknOrgEId,
  aknOrgHref,
  aknPillarClassification,
  aknPillarEId,
  aknText,
  aknToken,
  aknVersionExpression,
} from './aknCommon';
export type { AknAuthor, AknOrganization } from './aknCommon';

/** What the Akoma Ntoso export needs beyond the text. */
export interface AknOptions {
  draftId: string;
  /** The version id, or null for the live text (then the expression is dated now and labelled "live"). */
  versionId: string | null;
  /** Delegations and organisations taking part in the draft. */
  organizations: AknOrganization[];
  /** In a negotiation export, how a suggestion's author is named; absent or null for the clean text. */
  nameOf?: ((author: string, delegation: string) => string) | null;
}

/** How one document (the act, or an annex's `doc`) names itself in FRBR terms. */
interface Identity {
  work: string;
  expression: string;
  date: string;
  label: string;
  title: string;
  component: string;
}

/** Writes `meta/identification`: the work, the expression (the version) and the manifestation (this file). */
function writeIdentification(meta: XMLBuilder, identity: Identity): void {
  const identification = meta.ele('identification', { source: '#accord' });
  const frbr = (name: string, uri: string, dateName: string, author: string) => {
    const authors: AknAuthor[] = [{ href: author }];
    return aknFrbrLevel(identification, {
      name,
      uri,
      date: identity.date,
      dateName,
      authors,
      component: identity.component,
    });
  };
  const workLevel = frbr('FRBRWork', identity.work, 'creation', '#secretariat');
  workLevel.ele('FRBRcountry', { value: 'un' });
  workLevel.ele('FRBRname', { value: aknText(identity.title) });
  const expressionLevel = frbr('FRBRExpression', identity.expression, aknToken(identity.label), '#secretariat');
  expressionLevel.ele('FRBRversionNumber', { value: aknText(identity.label) });
  expressionLevel.ele('FRBRlanguage', { language: 'eng' });
  frbr('FRBRManifestation', `${identity.expression}/main.xml`, 'export', '#accord');
}

/** Writes the delegations and organisations, and Accord and the secretariat, as `references/TLCOrganization`. */
function writeReferences(meta: XMLBuilder, organizations: readonly AknOrganization[]): void {
  const references = meta.ele('references', { source: '#accord' });
  references.ele('TLCOrganization', { eId: 'accord', href: '/ontology/organization/accord', showAs: 'Accord' });
  references.ele('TLCOrganization', {
    eId: 'secretariat',
    href: '/ontology/organization/secretariat',
    showAs: 'Secretariat',
  });
  for (const org of organizations) {
    references.ele('TLCOrganization', { eId: aknOrgEId(org), href: aknOrgHref(org), showAs: aknText(org.name) });
  }
}

function childrenOf(document: DocumentNodeJSON, type: string): DocumentNodeJSON[] {
  return (document.content ?? []).filter((node) => node.type === type);
}

/** Writes the opening formula and the preambular clauses as `preamble`: `formula`, then `recitals`. */
function writePreamble(act: XMLBuilder, document: DocumentNodeJSON, cursor: AknCursor): void {
  const formula = cursor.outline.formula;
  const recitals = childrenOf(document, 'preamble').flatMap((section) =>
    (section.content ?? []).filter((node) => node.type === 'clause'),
  );
  if (!formula && recitals.length === 0) return;
  const preamble = act.ele('preamble');
  // "actingEntity" is how LEOS names the formula that says who speaks ("The General Assembly,").
  if (formula) preamble.ele('formula', { eId: 'formula_1', name: 'actingEntity' }).ele('p').txt(aknText(formula));
  if (recitals.length === 0) return;
  const element = preamble.ele('recitals', { eId: 'recs' });
  for (const clause of recitals) writeRecital(element, clause, cursor);
}

/**
 * Writes each annex as an `attachment` holding a `doc name="annex"`: its own identification (a
 * component of the draft's work), its label and title in the preface, and its paragraphs (under
 * parts and sections if it has them) in `mainBody`.
 */
function writeAttachments(
  act: XMLBuilder,
  annexes: readonly DocumentNodeJSON[],
  cursor: AknCursor,
  identity: Identity,
): void {
  if (annexes.length === 0) return;
  const attachments = act.ele('attachments');
  annexes.forEach((annex, index) => {
    const summary = cursor.outline.annexes[index];
    const eId = `att_${index + 1}`;
    const attachment = attachments.ele('attachment', { eId, ...aknGuid(cursor, annex) });
    const doc = attachment.ele('doc', { name: 'annex' });
    writeIdentification(doc.ele('meta'), {
      ...identity,
      title: summary?.title || summary?.label || 'Annex',
      component: `annex_${index + 1}`,
    });
    const title = doc.ele('preface').ele('p', { class: 'title' });
    title.ele('docNumber').txt(aknText(summary?.label ?? 'Annex'));
    if (summary?.title) title.ele('docTitle').txt(aknText(summary.title));
    const entries = (annex.content ?? []).filter((node) => node.type !== 'annexTitle');
    writeEntries(doc.ele('mainBody'), entries, cursor, `${eId}__`);
  });
}

/**
 * The text as an Akoma Ntoso 3.0 `act`: the title in the preface, with "DRAFT — not agreed" as
 * its `docStatus` when the text is not published; the opening formula and the
 * preambular clauses (as recitals) in the preamble; the operative clauses as numbered paragraphs
 * in the body, inside `part` and `section` where the text has divisions, with their points as
 * nested `list`/`point`; footnotes as `authorialNote` where they stand; annexes as attachments.
 * Every clause, point, division and annex keeps its Accord id as `GUID`, pillars are
 * `classification/keyword`s a clause `refersTo`, its status its `class`; the delegations and
 * organisations are `references/TLCOrganization`, the version the FRBR expression. Valid against
 * the OASIS schema (`server/exports/akn/akomantoso30.xsd`).
 */
export function renderAkn(snapshot: TextSnapshot, options: AknOptions): string {
  const { document, outline } = snapshot;
  const date = snapshot.at.slice(0, 10);
  const work = aknDraftWork(options.draftId);
  const identity: Identity = {
    work,
    expression: options.versionId ? aknVersionExpression(options.draftId, options.versionId) : `${work}/eng@${date}`,
    date,
    label: snapshot.label,
    title: outline.title,
    component: 'main',
  };
  const root = aknDocument();
  const act = root.ele('act', { name: 'norms', contains: options.versionId ? 'singleVersion' : 'originalVersion' });

  const meta = act.ele('meta');
  writeIdentification(meta, identity);
  aknPillarClassification(meta, new Set(outline.clauses.flatMap((clause) => clause.pillars)), snapshot.taxonomy);
  writeReferences(meta, options.organizations);

  const preface = act.ele('preface');
  preface.ele('p', { class: 'title' }).ele('docTitle').txt(aknText(outline.title));
  // A text not published says so where a reader of the document meets it, in the schema's own element.
  if (!snapshot.version?.publishedAt) preface.ele('p', { class: 'draft' }).ele('docStatus').txt(DRAFT_MARKING);
  const cursor = aknCursor(outline, options.nameOf ?? null);
  writePreamble(act, document, cursor);

  const body = act.ele('body');
  const operative = childrenOf(document, 'operative').flatMap((section) => section.content ?? []);
  writeEntries(body, operative, cursor, '');
  if (!operative.some((node) => node.type === 'clause'))
    body.ele('paragraph', { eId: 'para_1' }).ele('content').ele('p');

  writeAttachments(act, childrenOf(document, 'annex'), cursor, identity);

  // Not pretty-printed: xmlbuilder2 would indent inside a `p` that holds a footnote, and that
  // whitespace would become part of the text.
  return root.end();
}
