import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftSpec } from '../../shared/draftText';
import { marker, markerAttribution, placeMarkers } from '../testing/markers';
import { negotiationRoom } from '../testing/negotiationRoom';
import { clauseIdOf, elementWithId, fetchOutline, ownText } from '../testing/structuredDraft';
import { validateAkn } from '../testing/validateAkn';
import { waitFor } from '../testing/waitFor';
import { libreOfficeConvert } from './testing/libreOffice';
import { pdfPages } from './testing/pdfText';

const SPEC: DraftSpec = {
  title: 'Negotiation exports',
  preamble: [],
  operative: ['States should cooperate promptly.', 'States shall protect hospitals.'],
};

const room = negotiationRoom();

/** A draft with Valdoria's bracket and alternatives in OP1, its insertion and Norland's deletion in OP2. */
async function negotiatedDraft(): Promise<string> {
  const draftId = await room.draft(SPEC);
  const outline = await fetchOutline(room.chair, draftId);
  const [op1, op2] = [clauseIdOf(outline, 'OP1'), clauseIdOf(outline, 'OP2')];
  const val = (tail: string) => markerAttribution(room.valdoria.user.id, room.affiliationOf(room.valdoria), tail);
  const nor = (tail: string) => markerAttribution(room.norland.user.id, room.affiliationOf(room.norland), tail);
  const a = await room.raw(draftId, room.valdoria);
  const bracket = val('bra800');
  const set = val('alt800');
  a.send((doc) => {
    placeMarkers(doc, op1, [
      [7, marker('alternative', { ...set, side: 'open', option: `${room.valdoria.user.id}:opt801` })],
      [14, marker('alternative', { ...set, side: 'next', option: `${room.valdoria.user.id}:opt802` })],
      [14, new Y.XmlText('must ')],
      [14, marker('alternative', { ...set, side: 'close', option: null })],
      [24, marker('bracket', { ...bracket, side: 'open' })],
      [32, marker('bracket', { ...bracket, side: 'close' })],
    ]);
    ownText(elementWithId(doc, op2)).insert(30, ' and clinics', { insertion: val('ins800') });
  });
  const b = await room.raw(draftId, room.norland);
  b.send((doc) => ownText(elementWithId(doc, op2)).format(7, 5, { 'deletion--nnnnnnnn': nor('del800') }));
  await waitFor(async () =>
    expect(((await room.chair.api(`/api/drafts/${draftId}/suggestions`)).body.suggestions as unknown[]).length).toBe(2),
  );
  expect([a.refusals, b.refusals]).toEqual([[], []]);
  return draftId;
}

async function exported(draftId: string, format: string, mode: 'clean' | 'negotiation'): Promise<Uint8Array> {
  const response = await fetch(`${room.s.url}/api/drafts/${draftId}/export?format=${format}&mode=${mode}`, {
    headers: { authorization: `Bearer ${room.chair.token}` },
  });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const VALDORIA = 'Lena Varga (Republic of Valdoria)';
const NORLAND = 'Erik Holm (Kingdom of Norland)';

describe('clean and negotiation exports', () => {
  it('Word: the negotiation export has the suggestions as tracked changes under their authors, listed so by LibreOffice; the clean one has none', async () => {
    const draftId = await negotiatedDraft();
    const negotiation = await exported(draftId, 'docx', 'negotiation');
    const body = strFromU8(unzipSync(negotiation)['word/document.xml']!);
    expect(body).toMatch(new RegExp(`<w:ins [^>]*w:author="${VALDORIA.replace(/[()]/g, '\\$&')}"`));
    expect(body).toMatch(new RegExp(`<w:del [^>]*w:author="${NORLAND.replace(/[()]/g, '\\$&')}"`));
    expect(body).toContain('<w:delText');
    expect(body).toContain('[Alt 1: should  / Alt 2: must ]');
    expect(body).toContain('[promptly]');
    expect(body).toContain('OP1: [promptly] — held open by Republic of Valdoria');

    const [flat] = await libreOfficeConvert(negotiation, 'docx', ['fodt']);
    const odt = flat!.toString('utf8');
    const regions = [...odt.matchAll(/<text:changed-region[\s\S]*?<\/text:changed-region>/g)].map((match) => match[0]);
    expect(regions.some((region) => region.includes('<text:insertion>') && region.includes(VALDORIA))).toBe(true);
    expect(regions.some((region) => region.includes('<text:deletion>') && region.includes(NORLAND))).toBe(true);

    const clean = strFromU8(unzipSync(await exported(draftId, 'docx', 'clean'))['word/document.xml']!);
    expect(clean).not.toContain('<w:ins ');
    expect(clean).not.toContain('<w:del ');
    expect(clean).not.toContain('and clinics');
    expect(clean).toContain('shall protect hospitals');
  }, 120_000);

  it('Akoma Ntoso: suggestions as ins / del with who made them, valid against the schema, in the negotiation export only', async () => {
    const draftId = await negotiatedDraft();
    const negotiation = text(await exported(draftId, 'akn', 'negotiation'));
    expect(await validateAkn(negotiation)).toEqual([]);
    expect(negotiation).toMatch(
      new RegExp(`<ins class="suggestion" title="${VALDORIA.replace(/[()]/g, '\\$&')}, [^"]+"> and clinics</ins>`),
    );
    expect(negotiation).toMatch(/<del class="suggestion" title="Erik Holm \(Kingdom of Norland\), [^"]+">shall<\/del>/);
    expect(negotiation).toContain('[Alt 1: should  / Alt 2: must ]');
    const clean = text(await exported(draftId, 'akn', 'clean'));
    expect(await validateAkn(clean)).toEqual([]);
    expect(clean).not.toContain('<ins');
    expect(clean).not.toContain('and clinics');
  });

  it('a proposed paragraph (OP1 bis) and a second wording of a whole clause (OP2 Alt 2): valid Akoma Ntoso, numbered so in every export', async () => {
    const draftId = await room.draft(SPEC);
    const outline = await fetchOutline(room.chair, draftId);
    const op2 = clauseIdOf(outline, 'OP2');
    const val = (tail: string) => markerAttribution(room.valdoria.user.id, room.affiliationOf(room.valdoria), tail);
    const clause = (words: string, marks: Record<string, unknown>, attributes: Record<string, unknown> = {}) => {
      const textNode = new Y.XmlText();
      textNode.insert(0, words, marks);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [textNode]);
      const element = new Y.XmlElement('clause');
      element.setAttribute('pillars', [] as unknown as string);
      element.setAttribute('status', 'open');
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
      element.insert(0, [paragraph]);
      return element;
    };
    const set = `${room.valdoria.user.id}:set900`;
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => {
      const operative = elementWithId(doc, op2).parent as Y.XmlElement;
      elementWithId(doc, op2).setAttribute('alternative', { ...val('x'), set, id: set } as unknown as string);
      operative.insert(2, [
        clause(
          'States must protect hospitals.',
          {},
          { alternative: { ...val('x'), set, id: `${room.valdoria.user.id}:wrd902` } },
        ),
      ]);
      operative.insert(1, [clause('States should share warnings.', { insertion: val('ins900') })]);
    });
    await waitFor(async () =>
      expect((await fetchOutline(room.chair, draftId)).clauses.map((c) => c.number)).toEqual([
        'PP1',
        'OP1',
        'OP1 bis',
        'OP2',
        'OP2 Alt 2',
      ]),
    );
    expect(a.refusals).toEqual([]);
    for (const mode of ['clean', 'negotiation'] as const) {
      const akn = text(await exported(draftId, 'akn', mode));
      expect(await validateAkn(akn)).toEqual([]);
      expect(akn).toContain('eId="para_2alt2"');
      expect(akn.includes('eId="para_1bis"')).toBe(mode === 'negotiation');
      const markdown = text(await exported(draftId, 'md', mode));
      expect(markdown).toMatch(/OP2 Alt 2[^\n]*States must protect hospitals/);
      expect(markdown.includes('share warnings')).toBe(mode === 'negotiation');
    }
  }, 60_000);

  it('HTML and Markdown show suggestions with their authors; the clean text has the words as they stand', async () => {
    const draftId = await negotiatedDraft();
    const html = text(await exported(draftId, 'html', 'negotiation'));
    expect(html).toMatch(
      /<ins class="suggestion" title="Suggested insertion by Lena Varga \(Republic of Valdoria\), [^"]+"> and clinics<\/ins>/,
    );
    expect(html).toMatch(
      /<del class="suggestion" title="Suggested deletion by Erik Holm \(Kingdom of Norland\), [^"]+">shall<\/del>/,
    );
    const markdown = text(await exported(draftId, 'md', 'negotiation'));
    expect(markdown).toContain('{++ and clinics++}{>>Lena Varga (Republic of Valdoria)<<}');
    expect(markdown).toContain('{--shall--}{>>Erik Holm (Kingdom of Norland)<<}');
    // The open brackets and alternatives are listed with who holds or supports them.
    for (const exportedText of [html, markdown]) {
      expect(exportedText).toContain('Open brackets and alternatives');
      expect(exportedText).toContain(
        'OP1: Alt 1 “should” (Republic of Valdoria) · Alt 2 “must” (Republic of Valdoria)',
      );
    }
    expect(html).toContain('<li>OP1: [promptly] — held open by Republic of Valdoria</li>');
    // Markdown escapes the brackets, so they read as brackets and not as a link.
    expect(markdown).toContain('- OP1: \\[promptly\\] — held open by Republic of Valdoria');
    const cleanMarkdown = text(await exported(draftId, 'md', 'clean'));
    expect(cleanMarkdown).not.toContain('Open brackets and alternatives');
    expect(cleanMarkdown).toContain('States shall protect hospitals.');
    expect(cleanMarkdown).not.toContain('{++');
  });

  it('PDF: the negotiation text has the proposed words and the open brackets listed; the clean text does not', async () => {
    const draftId = await negotiatedDraft();
    const negotiation = (await pdfPages(await exported(draftId, 'pdf', 'negotiation'))).join('\n');
    expect(negotiation).toMatch(/States\s+shall\s+protect\s+hospitals\s+and\s+clinics/);
    expect(negotiation).toMatch(/OPEN BRACKETS AND ALTERNATIVES|Open brackets and alternatives/);
    expect(negotiation).toMatch(/held\s+open\s+by\s+Republic\s+of\s+Valdoria/);
    const clean = (await pdfPages(await exported(draftId, 'pdf', 'clean'))).join('\n');
    expect(clean).toMatch(/States\s+shall\s+protect\s+hospitals\./);
    expect(clean).not.toContain('clinics');
  });
});
