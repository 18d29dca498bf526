import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';
import { MAX_IMPORT_BYTES, MAX_IMPORT_CLAUSES } from '../../shared/importLimits';
import { MAX_FOOTNOTE_LENGTH } from '../../shared/limits';
import type { Outline } from '../../shared/outline';
import { readOutline } from '../../shared/outline';
import { draftSchema } from '../../shared/schema';
import { ApiError } from '../errors';
import { renderAkn } from '../exports/renderAkn';
import { AKN_INSTRUMENT, AKN_SAMPLES } from '../exports/testing/aknSamples';
import { sequentialIds, snapshotFromSpec } from '../exports/testing/snapshotFromSpec';
import { readAkn } from './readAkn';
import { INDIGO_ACT, LEOS_REGULATION, UN_DECISION } from './testing/aknForeign';

const OPTIONS = { draftId: 'draft-1', versionId: 'ver-1', organizations: [] };

/** The outline of the draft a spec creates, as the app would build it. */
function outlineOf(spec: DraftSpec, newId: () => string = sequentialIds('c_new')): Outline {
  const document = draftFromSpec(spec, newId);
  draftSchema().nodeFromJSON(document).check();
  return readOutline(document as unknown as DocumentNodeJSON);
}

/** The outline with each id replaced by its order of appearance, to compare structures whose ids differ. */
function withoutIds(outline: Outline): unknown {
  const names = new Map<string, string>();
  const ID_KEYS = ['id', 'clauseId', 'divisionId', 'annexId'];
  return JSON.parse(
    JSON.stringify(outline, (key, value: unknown) => {
      if (!ID_KEYS.includes(key) || typeof value !== 'string') return value;
      if (!names.has(value)) names.set(value, `#${names.size}`);
      return names.get(value);
    }),
  );
}

/** The API error a call throws, as the route would answer it. */
function refusal(read: () => unknown): { status: number; id: string; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, id: error.id, message: error.message };
    throw error;
  }
  throw new Error('nothing was refused');
}

function akn(body: string, extra = ''): string {
  return `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta/>${extra}<body>${body}</body></act></akomaNtoso>`;
}

describe("readAkn: Accord's own export reads back as the same draft", () => {
  const samples = Object.entries({ ...AKN_SAMPLES, instrument: AKN_INSTRUMENT });

  it.each(samples)('%s: the same structure and text, ids, pillars and status, without a warning', (_name, spec) => {
    const snapshot = snapshotFromSpec(spec, { newId: sequentialIds() });
    const { spec: read, warnings } = readAkn(renderAkn(snapshot, OPTIONS));
    expect(warnings).toEqual([]);
    const outline = outlineOf(read, () => {
      throw new Error('an id was not restored');
    });
    expect(outline).toEqual(snapshot.outline);
    expect(outline.problems).toEqual([]);
    expect(draftFromSpec(read, sequentialIds('unused'))).toEqual(snapshot.document);
  });

  it.each(samples)(
    '%s: without the ids (as another tool may drop them), the same structure with fresh ids',
    (_name, spec) => {
      const snapshot = snapshotFromSpec(spec, { newId: sequentialIds() });
      const xml = renderAkn(snapshot, OPTIONS).replace(/ GUID="[^"]*"/g, '');
      const { spec: read, warnings } = readAkn(xml);
      expect(warnings).toEqual([]);
      const outline = outlineOf(read);
      expect(outline.clauses[0]!.id).toBe('c_new000000');
      expect(withoutIds(outline)).toEqual(withoutIds(snapshot.outline));
    },
  );

  it('keeps every label, level, division, annex and footnote of the instrument where it stood', () => {
    const outline = outlineOf(readAkn(renderAkn(snapshotFromSpec(AKN_INSTRUMENT), OPTIONS)).spec);
    expect(outline.formula).toBe('The General Assembly,');
    expect(outline.divisions.map((d) => [d.number, d.title, d.annexId ? 'annex' : 'operative'])).toEqual([
      ['Part I', 'Norms', 'operative'],
      ['Section A', 'Civilian protection', 'operative'],
      ['Section B', 'Attribution', 'operative'],
      ['Part II', 'Review', 'operative'],
      ['Part I', 'Points of contact', 'annex'],
    ]);
    const op2 = outline.clauses.find((clause) => clause.number === 'OP2')!;
    expect(op2.points.map((point) => [point.reference, point.level, point.text])).toEqual([
      ['OP2(a)', 1, 'to refrain from operations that:'],
      ['OP2(a)(i)', 2, 'damage essential services; or'],
      ['OP2(a)(i)(A)', 3, 'hospitals,^[See A/76/135.]'],
      ['OP2(a)(i)(B)', 3, 'water systems,'],
      ['OP2(a)(ii)', 2, 'endanger life;'],
      ['OP2(b)', 1, 'to cooperate;'],
    ]);
    expect(op2.text.split('\n').at(-1)).toBe('in accordance with international law;');
    expect(op2).toMatchObject({
      status: 'agreed-ad-ref',
      pillars: ['civilian-protection', 'legality-proportionality'],
    });
    expect(outline.annexes.map((annex) => [annex.label, annex.title])).toEqual([
      ['Annex I', 'Voluntary measures of cooperation'],
      ['Annex II', 'Reporting form'],
    ]);
    expect(outline.footnotes.map((note) => [note.number, note.note, note.reference])).toEqual([
      [1, 'A/RES/70/237.', 'PP1'],
      [2, 'See A/76/135.', 'OP2(a)(i)(A)'],
      [3, 'See CBM 1.', 'A1.1'],
    ]);
  });
});

/** Each clause's number, the title of the division it falls under ('' for none), and its text. */
function clausesOf(outline: Outline): [string, string, string][] {
  const titles = new Map(outline.divisions.map((division) => [division.id, `${division.number} ${division.title}`]));
  return outline.clauses.map((clause) => [clause.number, titles.get(clause.divisionId ?? '') ?? '', clause.text]);
}

describe('readAkn: documents of other Akoma Ntoso tools', () => {
  it('reads an act in the style of Indigo: chapters as parts, sections with their subsections, blockList items, notes, a schedule', () => {
    const { spec, warnings } = readAkn(INDIGO_ACT);
    const outline = outlineOf(spec);
    expect(outline.title).toBe('Critical Infrastructure Protection Act, 2021');
    expect(outline.formula).toBe('');
    expect(outline.divisions.map((d) => [d.number, d.title])).toEqual([
      ['Part I', 'Interpretation and application'],
      ['Section A', 'Definitions'],
      ['Section B', 'Application'],
      ['Part II', 'Duties of operators'],
      ['Section A', 'Reporting of incidents'],
    ]);
    expect(clausesOf(outline)).toEqual([
      ['PP1', '', 'WHEREAS essential services depend on connected systems;'],
      ['PP2', '', 'AND WHEREAS the Republic is party to the Convention^[Act 4 of 2013.] on cooperation;'],
      [
        'OP1',
        'Section A Definitions',
        'In this Act, unless the context indicates otherwise—\n' +
          '(a) "critical infrastructure" means infrastructure declared as such under section 2;\n' +
          '(b) "essential service" means a service—\n' +
          '(i) on which the health or safety of the public depends; or\n' +
          '(ii) listed in the Schedule.',
      ],
      ['OP2', 'Section B Application', 'This Act applies to every operator of critical infrastructure.'],
      [
        'OP3',
        'Section B Application',
        'The Minister may—\n(a) declare infrastructure to be critical infrastructure; and\n(b) prescribe—\n' +
          '(i) security standards;\n(ii) reporting periods,\nby notice in the Gazette.',
      ],
      [
        'OP4',
        'Section A Reporting of incidents',
        'An operator must report an incident within 72 hours^[See the Cybercrimes Act, 2020.] of becoming aware of it.',
      ],
      ['A1.1', '', 'Energy.'],
      ['A1.2', '', 'Health care.'],
    ]);
    expect(outline.clauses[2]!.points.map((point) => [point.reference, point.level])).toEqual([
      ['OP1(a)', 1],
      ['OP1(b)', 1],
      ['OP1(b)(i)', 2],
      ['OP1(b)(ii)', 2],
    ]);
    expect(outline.annexes.map((annex) => [annex.label, annex.title])).toEqual([
      ['Annex', 'Sectors of essential services'],
    ]);
    expect(outline.footnotes.map((note) => [note.number, note.note, note.reference])).toEqual([
      [1, 'Act 4 of 2013.', 'PP2'],
      [2, 'See the Cybercrimes Act, 2020.', 'OP4'],
    ]);
    expect(warnings).toEqual([
      "The preface's “To provide for the protection of critical infrastructure; …” was left out: a draft has only its title there.",
      'The formula “BE IT ENACTED by the Parliament of the Republic, as …” was left out: a draft has one formula, before its preamble.',
    ]);
  });

  it('reads a regulation in the style of LEOS: formula, citations and recitals, articles of paragraphs with nested list/point', () => {
    const { spec, warnings } = readAkn(LEOS_REGULATION);
    const outline = outlineOf(spec);
    expect(outline.title).toBe(
      'Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on the resilience of essential services',
    );
    expect(outline.formula).toBe('THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,');
    expect(clausesOf(outline)).toEqual([
      [
        'PP1',
        '',
        'Having regard to the Treaty on the Functioning of the European Union, and in particular Article 114 thereof,',
      ],
      [
        'PP2',
        '',
        'Having regard to the opinion of the European Economic and Social Committee^[OJ C 123, 1.1.2024, p. 1.],',
      ],
      ['PP3', '', 'Essential services are increasingly interconnected.'],
      ['PP4', '', 'Divergent national rules hamper their protection.'],
      [
        'OP1',
        'Section A Subject matter and scope',
        'This Regulation lays down rules on the resilience of essential services.',
      ],
      [
        'OP2',
        'Section A Subject matter and scope',
        'It applies to:\n(a) operators of essential services;\n(b) digital service providers that:\n' +
          '(i) are established in the Union; or\n(ii) offer services in the Union.',
      ],
      [
        'OP3',
        'Section B Definitions',
        "For the purposes of this Regulation, the following definitions apply:\n'incident' means any event compromising the availability of a service.",
      ],
      [
        'OP4',
        'Section A Notification',
        'Operators shall notify:\n(a) the competent authority;\n(b) the users affected.',
      ],
    ]);
    expect(outline.divisions.map((d) => [d.number, d.title])).toEqual([
      ['Part I', 'GENERAL PROVISIONS'],
      ['Section A', 'Subject matter and scope'],
      ['Section B', 'Definitions'],
      ['Part II', 'OBLIGATIONS'],
      ['Section A', 'Notification'],
    ]);
    expect(outline.clauses[5]!.points.map((point) => [point.reference, point.level])).toEqual([
      ['OP2(a)', 1],
      ['OP2(b)', 1],
      ['OP2(b)(i)', 2],
      ['OP2(b)(ii)', 2],
    ]);
    expect(warnings).toEqual([
      'The words “Whereas:” around the recitals were left out.',
      'The formula “HAVE ADOPTED THIS REGULATION:” was left out: a draft has one formula, before its preamble.',
      'OP4: the points numbered —, — in the file are labelled (a), (b), as Accord labels points by their level.',
    ]);
  });

  it('reads a decision in the style of Bluebell: the formula as the first line, divisions with lines before their paragraphs', () => {
    const { spec, warnings } = readAkn(UN_DECISION);
    const outline = outlineOf(spec);
    expect(outline.title).toBe('Cooperation on the protection of essential services');
    expect(outline.formula).toBe('The Conference of the Parties,');
    expect(clausesOf(outline).slice(1)).toEqual([
      [
        'OP1',
        'Part I Cooperation with other conventions',
        'Noting the report of the Executive Secretary,^[UNEP/CBD/COP/14/3.]',
      ],
      ['OP2', 'Part I Cooperation with other conventions', 'Recalling decision XIII/24,'],
      ['OP3', 'Part I Cooperation with other conventions', 'Welcomes the cooperation among the secretariats;'],
      [
        'OP4',
        'Part I Cooperation with other conventions',
        'Invites Parties:\n(a) To designate national focal points;\n(b) To share information on incidents;',
      ],
      ['OP5', 'Part II Review', 'Decides to review this decision at its sixteenth meeting.'],
    ]);
    expect(warnings).toEqual([
      '“The Conference of the Parties,”, the first line of the body, was taken as the opening formula.',
    ]);
  });

  it('reads a prefixed namespace, notes kept in meta, the older components, and text that looks like a reference', () => {
    const xml =
      '<an:akomaNtoso xmlns:an="http://www.akomantoso.org/2.0"><an:act><an:meta><an:notes>' +
      '<an:note eId="n1"><an:p>Note one.</an:p></an:note></an:notes></an:meta><an:body><an:paragraph><an:content>' +
      '<an:p>Text<an:noteRef href="#n1"/> on R&amp;D, written &amp;#38; or &amp;amp;.</an:p></an:content></an:paragraph></an:body>' +
      '<an:components><an:component><an:doc name="annex"><an:meta/><an:preface><an:p><an:docTitle>Old annex</an:docTitle>' +
      '</an:p></an:preface><an:mainBody><an:p>Only text.</an:p></an:mainBody></an:doc></an:component></an:components>' +
      '</an:act></an:akomaNtoso>';
    const { spec, warnings } = readAkn(xml);
    expect(warnings).toEqual([]);
    const outline = outlineOf(spec);
    expect(outline.clauses.map((clause) => [clause.number, clause.text])).toEqual([
      ['PP1', ''],
      ['OP1', 'Text^[Note one.] on R&D, written &#38; or &amp;.'],
      ['A1.1', 'Only text.'],
    ]);
    expect(outline.annexes.map((annex) => annex.title)).toEqual(['Old annex']);
  });

  it('leaves out, with a warning, a footnote where a draft has no place for one (the title, a heading)', () => {
    const note = (text: string) => `<authorialNote marker="1"><p>${text}</p></authorialNote>`;
    const xml = akn(
      `<part><num>1</num><heading>Scope${note('On the heading.')}</heading>` +
        `<paragraph><content><p>Applies${note('On the text.')}.</p></content></paragraph></part>`,
      `<preface><p><docTitle>Act${note('On the title.')}</docTitle></p></preface>`,
    );
    const { spec, warnings } = readAkn(xml);
    const outline = outlineOf(spec);
    expect([outline.title, outline.divisions[0]!.title]).toEqual(['Act', 'Scope']);
    expect(outline.footnotes.map((footnote) => [footnote.note, footnote.reference])).toEqual([['On the text.', 'OP1']]);
    expect(warnings).toEqual([
      'A footnote in the title was left out, as footnotes stand only in paragraphs: “On the title.”.',
      'A footnote in a heading of the body was left out, as footnotes stand only in paragraphs: “On the heading.”.',
    ]);
  });

  it('keeps square brackets a footnote holds in pairs, and rounds off only unmatched ones, with a warning', () => {
    const note = (text: string) => `<authorialNote marker="1"><p>${text}</p></authorialNote>`;
    const xml = akn(
      `<paragraph><content><p>Takes note${note('A/HRC/57/30 [advance unedited version].')}.</p></content></paragraph>` +
        `<paragraph><content><p>Recalls${note('See ] above.')}.</p></content></paragraph>`,
    );
    const { spec, warnings } = readAkn(xml);
    expect(outlineOf(spec).footnotes.map((footnote) => footnote.note)).toEqual([
      'A/HRC/57/30 [advance unedited version].',
      'See ) above.',
    ]);
    expect(warnings).toEqual([
      'A footnote in OP2 had square brackets that do not pair up; they became round brackets.',
    ]);
  });

  it('brings points nested deeper than three levels up to the third, and says so', () => {
    const point = (num: string, text: string, inner = '') =>
      `<point><num>${num}</num>${inner ? `<intro><p>${text}</p></intro><list>${inner}</list>` : `<content><p>${text}</p></content>`}</point>`;
    const deep = point(
      '(a)',
      'one',
      point('(i)', 'two', point('(A)', 'three', point('(1)', 'four') + point('(2)', 'five'))),
    );
    const { spec, warnings } = readAkn(akn(`<paragraph><intro><p>Deep:</p></intro><list>${deep}</list></paragraph>`));
    const op1 = outlineOf(spec).clauses.find((clause) => clause.number === 'OP1')!;
    expect(op1.points.map((p) => [p.reference, p.text])).toEqual([
      ['OP1(a)', 'one'],
      ['OP1(a)(i)', 'two'],
      ['OP1(a)(i)(A)', 'three'],
      ['OP1(a)(i)(B)', 'four'],
      ['OP1(a)(i)(C)', 'five'],
    ]);
    expect(warnings).toEqual([
      'OP1: points nested more than 3 levels deep were brought up to the third level ((A), (B) …).',
    ]);
  });
  it('keeps square brackets that pair up in a footnote, rounds those that do not, and reads no note within a note', () => {
    const note = (text: string) => `<authorialNote marker="1"><p>${text}</p></authorialNote>`;
    const xml = akn(
      `<paragraph><content><p>One${note('See [A/70/174], para. 13.')}; two${note('Ends here].')}.</p></content></paragraph>` +
        '<paragraph><content><p>Three<noteRef href="#n1"/>.</p></content></paragraph>',
      '<meta><notes><note eId="n1"><p>Loops<noteRef href="#n1"/> back.</p></note></notes></meta>',
    ).replace('<meta/>', '');
    const { spec, warnings } = readAkn(xml);
    expect(outlineOf(spec).footnotes.map((footnote) => [footnote.reference, footnote.note])).toEqual([
      ['OP1', 'See [A/70/174], para. 13.'],
      ['OP1', 'Ends here).'],
      ['OP2', 'Loops back.'],
    ]);
    expect(warnings).toEqual([
      'A footnote in OP1 had square brackets that do not pair up; they became round brackets.',
      'A note within a footnote in OP2 was left out: a footnote holds no notes of its own.',
    ]);
  });
});

describe('readAkn refuses what it must not read', () => {
  it('a DOCTYPE or entity declaration: external entities and entity expansion never run', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      akn('<paragraph><content><p>&xxe;</p></content></paragraph>');
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      akn('<paragraph><content><p>&lol2;</p></content></paragraph>');
    for (const xml of [xxe, bomb]) {
      expect(refusal(() => readAkn(xml))).toMatchObject({ status: 422, id: 'xml_doctype_refused' });
    }
    expect(refusal(() => readAkn(xxe)).message).toMatch(/DOCTYPE/);
  });

  it('what is not Akoma Ntoso, not XML, empty, or holds no paragraph', () => {
    expect(refusal(() => readAkn('<html><body><p>Hello</p></body></html>'))).toMatchObject({ id: 'not_akoma_ntoso' });
    expect(refusal(() => readAkn('Just some words.'))).toMatchObject({ status: 422, id: 'invalid_xml' });
    expect(refusal(() => readAkn(akn('<p>&#99999999;</p>')))).toMatchObject({ id: 'invalid_xml' });
    expect(refusal(() => readAkn(akn('')))).toMatchObject({ id: 'no_clauses' });
  });

  it('a file that is not well-formed, which the XML parser alone would read as some other text', () => {
    const paragraph = '<paragraph><content><p>States should act.</p></content></paragraph>';
    const whole = `<?xml version="1.0"?>\n${akn(paragraph)}`;
    const cases: [string, RegExp][] = [
      [whole.slice(0, whole.indexOf('act.') + 4), /line 2: <p> is never closed: the file may be cut short/],
      [whole.replace('</content>', '</p>'), /line 2: <\/p> closes <content>/],
      [whole.replace('act.', 'act&nbsp;now.'), /“&nbsp;” is not a character XML defines/],
      [`${whole}\n<akomaNtoso/>`, /line 3: <akomaNtoso> is a second root element/],
      [`${whole}<!-- unfinished`, /a comment is never closed/],
      [whole.replace('<paragraph>', '<paragraph eId=para_1>'), /a tag cannot be read: “<paragraph eId=para_1>/],
    ];
    for (const [xml, message] of cases) {
      expect(refusal(() => readAkn(xml))).toMatchObject({ status: 422, id: 'invalid_xml', message });
      expect(refusal(() => readAkn(xml)).message).toMatch(/^The file is not well-formed XML/);
    }
    // Comments, processing instructions and CDATA are XML; they are read past.
    const annotated = whole.replace(
      paragraph,
      `<!-- a <note> -->${paragraph.replace('act.', '<![CDATA[act <now>.]]>')}<?pi x?>`,
    );
    expect(outlineOf(readAkn(annotated).spec).clauses[1]!.text).toBe('States should act <now>.');
  });

  it('a file or text beyond the import limits', () => {
    expect(refusal(() => readAkn(akn('<p>x</p>') + ' '.repeat(MAX_IMPORT_BYTES)))).toMatchObject({
      status: 413,
      id: 'file_too_large',
    });
    const many = '<paragraph><content><p>States should.</p></content></paragraph>'.repeat(MAX_IMPORT_CLAUSES + 1);
    expect(refusal(() => readAkn(akn(many)))).toMatchObject({ id: 'too_many_clauses' });
    const note = `<authorialNote marker="1"><p>${'n'.repeat(MAX_FOOTNOTE_LENGTH + 1)}</p></authorialNote>`;
    expect(refusal(() => readAkn(akn(`<paragraph><content><p>Text${note}</p></content></paragraph>`)))).toMatchObject({
      id: 'footnote_too_long',
    });
    const nested = `${'<blockContainer>'.repeat(300)}<p>x</p>${'</blockContainer>'.repeat(300)}`;
    expect(refusal(() => readAkn(akn(`<paragraph><content>${nested}</content></paragraph>`)))).toMatchObject({
      id: 'invalid_xml',
    });
  });
});
