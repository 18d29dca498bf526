import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import type { XmlElement } from '../imports/xmlTree';
import { childNamed, elementsOf, parseXml } from '../imports/xmlTree';
import { validateAkn } from '../testing/validateAkn';
import { renderAkn } from './renderAkn';
import { AKN_INSTRUMENT, AKN_SAMPLES } from './testing/aknSamples';
import { sequentialIds, snapshotFromSpec } from './testing/snapshotFromSpec';

const snapshot = snapshotFromSpec(AKN_INSTRUMENT, { newId: sequentialIds() });
const OPTIONS = { draftId: 'draft-1', versionId: 'ver-1', organizations: [] };
const xml = renderAkn(snapshot, OPTIONS);
const act = childNamed(parseXml(xml), 'act')!;

/** The element reached by following child names from `from`, each `name` or `name[index]`. */
function at(from: XmlElement, path: string): XmlElement {
  let element = from;
  for (const step of path.split('/')) {
    const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(step)!;
    const next = elementsOf(element).filter((child) => child.name === name)[Number(index ?? 0)];
    if (!next) throw new Error(`no ${step} in <${element.name}> on the way to ${path}`);
    element = next;
  }
  return element;
}

/** All the text within an element, as a reader sees it. */
function text(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : text(child))).join('');
}

function names(element: XmlElement): string[] {
  return elementsOf(element).map((child) => child.name);
}

describe('Akoma Ntoso export of a structured text', () => {
  it('is valid against the OASIS schema: the whole instrument and each kind of structure alone', async () => {
    expect(await validateAkn(xml)).toEqual([]);
    for (const spec of Object.values(AKN_SAMPLES)) {
      const sample = renderAkn(snapshotFromSpec(spec), { draftId: 'd', versionId: null, organizations: [] });
      expect(await validateAkn(sample)).toEqual([]);
    }
  });

  it('opens the preamble with the formula, then the recitals with their points as numbered items', () => {
    const preamble = at(act, 'preamble');
    expect(names(preamble)).toEqual(['formula', 'recitals']);
    expect(at(preamble, 'formula').attrs.name).toBe('actingEntity');
    expect(text(at(preamble, 'formula/p'))).toBe('The General Assembly,');
    const recital = at(preamble, 'recitals/recital[1]');
    expect(recital.attrs.eId).toBe('recs__rec_2');
    expect(names(recital)).toEqual(['num', 'p', 'blockList']);
    const items = elementsOf(at(recital, 'blockList'));
    expect(items.map((item) => [item.attrs.eId, text(at(item, 'num')), text(at(item, 'p'))])).toEqual([
      ['recs__rec_2__list_1__item_a', '(a)', 'hospitals;'],
      ['recs__rec_2__list_1__item_b', '(b)', 'power grids,'],
    ]);
  });

  it('nests the clauses in part and section, clauses before the first division directly in the body', () => {
    const body = at(act, 'body');
    expect(names(body)).toEqual(['paragraph', 'part', 'part']);
    expect(at(body, 'paragraph').attrs.eId).toBe('para_1');
    const norms = at(body, 'part');
    expect([norms.attrs.eId, text(at(norms, 'num')), text(at(norms, 'heading'))]).toEqual([
      'part_I',
      'Part I',
      'Norms',
    ]);
    expect(names(norms)).toEqual(['num', 'heading', 'section', 'section']);
    const attribution = at(norms, 'section[1]');
    expect([attribution.attrs.eId, text(at(attribution, 'num')), text(at(attribution, 'heading'))]).toEqual([
      'part_I__sec_B',
      'Section B',
      'Attribution',
    ]);
    expect(text(at(attribution, 'paragraph/num'))).toBe('OP3');
    expect(names(at(body, 'part[1]'))).toEqual(['num', 'heading', 'paragraph']);
  });

  it('writes points three levels deep as list/point with eIds by the naming convention, and the paragraph after them as wrapUp', () => {
    const op2 = at(act, 'body/part/section/paragraph');
    expect(op2.attrs).toMatchObject({
      eId: 'para_2',
      class: 'status-agreed-ad-ref',
      refersTo: '#pillar-civilian-protection #pillar-legality-proportionality',
    });
    expect(names(op2)).toEqual(['num', 'intro', 'list', 'wrapUp']);
    expect(text(at(op2, 'intro'))).toBe('Calls upon Member States:');
    expect(text(at(op2, 'wrapUp'))).toBe('in accordance with international law;');
    const a = at(op2, 'list/point');
    expect([a.attrs.eId, text(at(a, 'num')), text(at(a, 'intro'))]).toEqual([
      'para_2__list_1__point_a',
      '(a)',
      'to refrain from operations that:',
    ]);
    const i = at(a, 'list/point');
    expect([i.attrs.eId, text(at(i, 'num'))]).toEqual(['para_2__list_1__point_a__list_1__point_i', '(i)']);
    const capitalB = at(i, 'list/point[1]');
    expect([capitalB.attrs.eId, text(at(capitalB, 'num')), text(at(capitalB, 'content'))]).toEqual([
      'para_2__list_1__point_a__list_1__point_i__list_1__point_B',
      '(B)',
      'water systems,',
    ]);
    expect(text(at(op2, 'list/point[1]/num'))).toBe('(b)');
  });

  it('writes footnotes as authorialNote where they stand, numbered through the whole text, annexes included', () => {
    const notes = [
      ...xml.matchAll(
        /<authorialNote eId="([^"]+)" marker="(\d+)" placement="bottom"><p>([^<]*)<\/p><\/authorialNote>/g,
      ),
    ];
    expect(notes.map(([, eId, marker, note]) => [eId, marker, note])).toEqual([
      ['recs__rec_1__authorialNote_1', '1', 'A/RES/70/237.'],
      ['para_2__list_1__point_a__list_1__point_i__list_1__point_A__authorialNote_1', '2', 'See A/76/135.'],
      ['att_1__para_1__authorialNote_1', '3', 'See CBM 1.'],
    ]);
    // Inline, right after the words it annotates.
    expect(xml).toContain('<p>hospitals,<authorialNote ');
  });

  it('writes each annex as an attachment holding a doc named annex, with its label, title and own numbered paragraphs', () => {
    const attachments = elementsOf(at(act, 'attachments'));
    expect(attachments.map((attachment) => attachment.attrs.eId)).toEqual(['att_1', 'att_2']);
    const first = at(attachments[0]!, 'doc');
    expect(first.attrs.name).toBe('annex');
    expect(names(first)).toEqual(['meta', 'preface', 'mainBody']);
    expect(text(at(first, 'preface/p/docNumber'))).toBe('Annex I');
    expect(text(at(first, 'preface/p/docTitle'))).toBe('Voluntary measures of cooperation');
    expect(at(first, 'meta/identification/FRBRWork/FRBRthis').attrs.value).toBe('/akn/un/act/norms/draft-1/!annex_1');
    const paragraph = at(first, 'mainBody/part/paragraph');
    expect([paragraph.attrs.eId, text(at(paragraph, 'num'))]).toEqual(['att_1__para_1', 'A1.1']);
    const second = at(attachments[1]!, 'doc/mainBody');
    expect(elementsOf(second).map((p) => text(at(p, 'num')))).toEqual(['A2.1', 'A2.2']);
    expect(at(second, 'paragraph[1]/list/point[1]').attrs.eId).toBe('att_2__para_2__list_1__point_b');
  });

  it("keeps every clause's, point's, division's and annex's id as its GUID", () => {
    const guids = [...xml.matchAll(/ GUID="([^"]+)"/g)].map((match) => match[1]);
    const ids = [
      ...snapshot.outline.clauses.flatMap((clause) => [clause.id, ...clause.points.map((point) => point.id)]),
      ...snapshot.outline.divisions.map((division) => division.id),
      ...snapshot.outline.annexes.map((annex) => annex.id),
    ];
    expect(new Set(guids)).toEqual(new Set(ids));
    expect(guids).toHaveLength(ids.length);
    expect(at(act, 'body/part').attrs.GUID).toBe(snapshot.outline.divisions[0]!.id);
    expect(at(act, 'attachments/attachment[1]').attrs.GUID).toBe(snapshot.outline.annexes[1]!.id);
  });

  it('writes bold and italic as b and i, and a line break as br, still valid', async () => {
    const marked = snapshotFromSpec({ title: 'Marks', preamble: ['Noting,'], operative: ['placeholder'] });
    const operative = marked.document.content!.find((node) => node.type === 'operative')!;
    const paragraph: DocumentNodeJSON = {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Strongly', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' urges', marks: [{ type: 'italic' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'States & others' },
      ],
    };
    operative.content![0]!.content = [paragraph];
    const written = renderAkn({ ...marked, outline: readOutline(marked.document) }, OPTIONS);
    expect(await validateAkn(written)).toEqual([]);
    expect(written).toContain('<content><p><b>Strongly</b><i> urges</i><br/>States &amp; others</p></content>');
  });
});
