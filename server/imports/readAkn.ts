import type { AnnexSpec, ClauseSpec, DraftSpec } from '../../shared/draftText';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import type { Pillar } from '../../shared/pillars';
import { MAX_PILLARS_PER_DRAFT, PILLAR_KEY_PATTERN, PILLAR_LIMITS, completePillars } from '../../shared/pillars';
import { ApiError } from '../errors';
import { readEntries } from './aknBody';
import { readClause, readLooseClauses } from './aknClauses';
import { checkAknLimits } from './aknLimits';
import type { AknReading } from './aknReading';
import { aknReading, inlineText, quoteShort, takeId, warn } from './aknReading';
import type { XmlElement } from './xmlTree';
import { childNamed, elementsOf, parseXml } from './xmlTree';

/** Where a document's attached documents stand: `attachments` (Akoma Ntoso 3.0), `components` (older), `annexes`. */
const ATTACHMENT_GROUPS = new Set(['attachments', 'components', 'annexes']);
const ATTACHMENTS = new Set(['attachment', 'component', 'annex']);

/** Elements of a preface that number or name the document, which a draft derives or reads from its title. */
const TITLE_PARTS = new Set(['docTitle', 'docNumber', 'shortTitle']);

function allNamed(element: XmlElement, name: string): XmlElement[] {
  return elementsOf(element).flatMap((child) => (child.name === name ? [child] : allNamed(child, name)));
}

function textOf(reading: AknReading, element: XmlElement | undefined, where: string): string {
  return element ? inlineText(reading, element, { notes: false, where }) : '';
}

/** Where a title was read from: an element of the preface (not to be reported as left out), or the metadata. */
interface Title {
  text: string;
  from?: XmlElement;
}

/**
 * The title of a document: its `docTitle` (or, for an attachment, its heading), else a `shortTitle`,
 * else the FRBR alias named "title" (Indigo's short title), else the `longTitle`, else the FRBR name.
 */
function readTitle(reading: AknReading, document: XmlElement, heading?: XmlElement): Title {
  const preface = childNamed(document, 'preface');
  const meta = childNamed(document, 'meta');
  const first = (name: string) => (preface ? allNamed(preface, name)[0] : undefined);
  for (const from of [first('docTitle'), heading, first('shortTitle')]) {
    const text = textOf(reading, from, 'the title');
    if (text) return { text, from };
  }
  const alias = meta ? allNamed(meta, 'FRBRalias').find((element) => element.attrs.name === 'title') : undefined;
  if (alias?.attrs.value) return { text: alias.attrs.value };
  const longTitle = first('longTitle');
  const text = textOf(reading, longTitle, 'the title');
  if (text) return { text, from: longTitle };
  return { text: (meta ? allNamed(meta, 'FRBRname')[0]?.attrs.value : undefined) ?? '' };
}

/**
 * Reports what a preface holds besides the title, a formula and the document's status (a
 * `docStatus`, such as the "DRAFT — not agreed" of Accord's own exports: an imported text is a
 * draft anyway), which a draft has no place for.
 */
function reportPreface(reading: AknReading, preface: XmlElement | undefined, title: Title): void {
  if (!preface) return;
  const rest: string[] = [];
  const visit = (element: XmlElement): void => {
    for (const child of elementsOf(element)) {
      if (child === title.from || TITLE_PARTS.has(child.name) || child.name === 'formula') continue;
      if (child.name === 'docStatus') continue;
      if (title.from && allNamed(child, title.from.name).includes(title.from)) visit(child);
      else if (allNamed(child, 'docStatus').length > 0) visit(child);
      else {
        const text = inlineText(reading, child, { notes: false, where: 'the preface' });
        if (text) rest.push(text);
      }
    }
  };
  visit(preface);
  if (rest.length === 1)
    warn(reading, `The preface's ${quoteShort(rest[0]!)} was left out: a draft has only its title there.`);
  else if (rest.length > 1)
    warn(reading, `The preface's ${rest.length} lines besides the title (${quoteShort(rest[0]!)} …) were left out.`);
}

/**
 * Reads the preamble: the opening formula (a `formula` before any recital, or in the preface),
 * then citations and recitals as preambular clauses, loose paragraphs each a clause of its own.
 */
function readPreamble(
  reading: AknReading,
  document: XmlElement,
  kind: 'preambular' | 'annex',
): { formula?: string; clauses: ClauseSpec[] } {
  const clauses: ClauseSpec[] = [];
  let formula: string | undefined;
  const prefaceFormula = childNamed(document, 'preface') && allNamed(childNamed(document, 'preface')!, 'formula')[0];
  if (prefaceFormula) formula = textOf(reading, prefaceFormula, 'the formula');
  const preamble = childNamed(document, 'preamble');
  for (const child of preamble ? elementsOf(preamble) : []) {
    if (child.name === 'formula') {
      const text = textOf(reading, child, 'the formula');
      if (formula === undefined && clauses.length === 0) formula = text;
      else if (text)
        warn(reading, `The formula ${quoteShort(text)} was left out: a draft has one formula, before its preamble.`);
    } else if (child.name === 'recitals' || child.name === 'citations') {
      for (const item of elementsOf(child)) {
        if (item.name === 'recital' || item.name === 'citation') clauses.push(readClause(reading, item, kind));
        else if (item.name === 'intro' || item.name === 'wrapUp') {
          const text = inlineText(reading, item, { notes: false, where: 'the preamble' });
          if (text) warn(reading, `The words ${quoteShort(text)} around the ${child.name} were left out.`);
        }
      }
    } else if (child.name === 'recital' || child.name === 'citation') clauses.push(readClause(reading, child, kind));
    else if (child.name !== 'num' && child.name !== 'heading') clauses.push(...readLooseClauses(reading, child, kind));
  }
  return { ...(formula !== undefined ? { formula } : {}), clauses };
}

/** The document inside an attachment (`doc`, `act` …), or nothing for a reference to one stored elsewhere. */
function attachedDocument(attachment: XmlElement): XmlElement | undefined {
  return elementsOf(attachment).find((child) =>
    elementsOf(child).some((grandchild) => ['mainBody', 'body', 'meta', 'preface'].includes(grandchild.name)),
  );
}

/** The attachments of a document, and of the attachments within them (flattened: an annex holds no annexes). */
function attachmentsOf(document: XmlElement): XmlElement[] {
  return elementsOf(document)
    .filter((child) => ATTACHMENT_GROUPS.has(child.name))
    .flatMap((group) => elementsOf(group).filter((child) => ATTACHMENTS.has(child.name)));
}

function readAnnexes(reading: AknReading, owner: XmlElement, annexes: AnnexSpec[]): void {
  for (const attachment of attachmentsOf(owner)) {
    const document = attachedDocument(attachment);
    if (!document) {
      const heading = textOf(reading, childNamed(attachment, 'heading'), 'an attachment');
      warn(
        reading,
        `An attachment${heading ? ` (${quoteShort(heading)})` : ''} only refers to a document stored elsewhere; it was left out.`,
      );
      continue;
    }
    reading.annexIndex = annexes.length;
    reading.counters.annex = 0;
    const heading = childNamed(attachment, 'subheading') ?? childNamed(attachment, 'heading');
    const title = readTitle(reading, document, heading).text;
    const id = takeId(reading, attachment);
    const preamble = readPreamble(reading, document, 'annex');
    if (preamble.formula)
      warn(reading, `The formula of annex ${annexes.length + 1} was left out: ${quoteShort(preamble.formula)}.`);
    const main = childNamed(document, 'mainBody', 'body');
    annexes.push({
      title,
      clauses: [...preamble.clauses, ...(main ? readEntries(reading, main, 'annex') : [])],
      ...id,
    });
    if (attachmentsOf(document).length > 0)
      warn(reading, `Annex ${annexes.length} has attachments of its own; they were imported as the annexes after it.`);
    readAnnexes(reading, document, annexes);
  }
}

/** A line that names who speaks ("The Conference of the Parties,"): a body opening with one has its formula there. */
const FORMULA_LINE = /^The [^.;:^]{3,120},$/;

/**
 * A body that opens with a formula as a plain paragraph (as Indigo writes a decision) when the file
 * marks none: the formula, and the body without it. Said in a warning, as it is read from wording.
 */
function bodyFormula(reading: AknReading, body: XmlElement): { formula?: string; body: XmlElement } {
  const first = elementsOf(body)[0];
  if (first?.name !== 'p') return { body };
  const text = inlineText(reading, first, { notes: true, where: 'the body' });
  if (!FORMULA_LINE.test(text)) return { body };
  warn(reading, `${quoteShort(text)}, the first line of the body, was taken as the opening formula.`);
  return { formula: text, body: { ...body, children: body.children.filter((child) => child !== first) } };
}

function fitTitle(reading: AknReading, title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  warn(reading, `The title is longer than ${MAX_TITLE_LENGTH} characters; it was shortened.`);
  return title.slice(0, MAX_TITLE_LENGTH).trimEnd();
}

/**
 * Reads an Akoma Ntoso file into the spec of a new draft, with warnings for what is uncertain or
 * left out. It reads Accord's own export (restoring ids, pillars and status) and documents of
 * other Akoma Ntoso tools (Indigo, LEOS …): the title from the preface, the opening formula,
 * citations and recitals as preambular clauses, the body's parts, chapters, sections, articles
 * and paragraphs as divisions and operative clauses, points and list items nested to three levels,
 * footnotes as `^[note]`, and attached documents as annexes. A file that is too large, declares a
 * DOCTYPE, is not XML or not Akoma Ntoso, or passes the import limits is refused with an ApiError.
 */
export function readAkn(xml: string): { spec: DraftSpec; warnings: string[]; pillars: Pillar[] } {
  const root = parseXml(xml);
  if (root.name !== 'akomaNtoso') {
    throw new ApiError(
      422,
      'not_akoma_ntoso',
      `This XML file is not Akoma Ntoso: its root element is <${root.name}>, not <akomaNtoso>.`,
    );
  }
  const document = elementsOf(root).find((child) => !ATTACHMENT_GROUPS.has(child.name));
  if (!document) throw new ApiError(422, 'not_akoma_ntoso', 'This Akoma Ntoso file holds no document.');
  const reading = aknReading(childNamed(document, 'meta'));

  const title = readTitle(reading, document);
  reportPreface(reading, childNamed(document, 'preface'), title);
  const read = readPreamble(reading, document, 'preambular');
  const { clauses: preamble } = read;
  let { formula } = read;
  let body = childNamed(document, 'body', 'mainBody');
  if (body && formula === undefined && preamble.length === 0) ({ formula, body } = bodyFormula(reading, body));
  const operative = body ? readEntries(reading, body, 'operative') : [];
  const annexes: AnnexSpec[] = [];
  readAnnexes(reading, document, annexes);
  readAnnexes(reading, root, annexes);
  const conclusions = childNamed(document, 'conclusions');
  if (conclusions && inlineText(reading, conclusions, { notes: false, where: 'the conclusions' }))
    warn(reading, 'The conclusions (signatures, dates, closing words) were left out.');

  const spec: DraftSpec = {
    title: fitTitle(reading, title.text),
    ...(formula !== undefined ? { formula } : {}),
    preamble,
    operative,
    ...(annexes.length > 0 ? { annexes } : {}),
  };
  checkAknLimits(spec);
  return { spec, warnings: [...reading.warnings], pillars: declaredPillars(childNamed(document, 'meta')) };
}

/**
 * The pillars a document declares as `meta/classification/keyword`s (as Accord's export writes
 * them: `value` the key, `showAs` the label), for `namePillars` to give the clauses' tags names.
 */
function declaredPillars(meta: XmlElement | undefined): Pillar[] {
  const keywords = (meta ? elementsOf(meta) : [])
    .filter((element) => element.name === 'classification')
    .flatMap((classification) => elementsOf(classification).filter((element) => element.name === 'keyword'));
  const pillars = keywords.flatMap(({ attrs }) =>
    attrs.value && PILLAR_KEY_PATTERN.test(attrs.value) && attrs.showAs
      ? [{ key: attrs.value, label: attrs.showAs.slice(0, PILLAR_LIMITS.label) }]
      : [],
  );
  return completePillars(pillars.slice(0, MAX_PILLARS_PER_DRAFT));
}
