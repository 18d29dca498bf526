import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { Outline } from '../../shared/outline';
import { readOutline } from '../../shared/outline';
import { DEMO, signIn } from '../testing/session';
import { startTestServer } from '../testing/startTestServer';
import { readStoredText, storeDraftText } from '../testing/storedText';
import { fetchOutline } from '../testing/structuredDraft';
import { waitFor } from '../testing/waitFor';
import { documentJSON } from './documentOutline';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-migration-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type Child = Y.XmlElement | Y.XmlText;

function element(name: string, attributes: Record<string, unknown>, children: Child[]): Y.XmlElement {
  const made = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value as string);
  made.insert(0, children);
  return made;
}

const paragraph = (words: string) => element('paragraph', {}, [new Y.XmlText(words)]);
const clause = (id: string, words: string, ...points: string[]) =>
  element('clause', { id, pillars: ['attribution'], status: 'open' }, [
    paragraph(words),
    // Sub-paragraphs as drafts stored them before points nested: no attributes at all.
    ...points.map((point) => element('subparagraph', {}, [paragraph(point)])),
  ]);

/** A draft's text as the server stored it before points had ids: one level of sub-paragraphs. */
function oldShape(): Uint8Array {
  const doc = new Y.Doc();
  doc
    .getXmlFragment(DOCUMENT_FIELD)
    .insert(0, [
      element('title', {}, [new Y.XmlText('Stored before points nested')]),
      element('preamble', {}, [clause('c_oldpp1', 'Recalling earlier work,')]),
      element('operative', {}, [
        clause('c_oldop1', 'States should:', 'notify;', 'consult;', 'report.'),
        clause('c_oldop2', 'Responses should be:', 'graduated;', 'reviewed.'),
      ]),
    ]);
  return Y.encodeStateAsUpdate(doc);
}

const DRAFT = { id: 'OldShapeDraft', title: 'Stored before points nested', chairEmail: DEMO.chair };

/** A point with an id, its words, and the points within it. */
const point = (id: string, words: string, ...inner: Y.XmlElement[]) =>
  element('subparagraph', { id }, [paragraph(words), ...inner]);

/** A draft whose OP1 nests points five levels deep, stored before the server counted levels. */
function tooDeep(): Uint8Array {
  const doc = new Y.Doc();
  const op1 = element('clause', { id: 'c_deepop1', pillars: [], status: 'open' }, [
    paragraph('States should:'),
    point(
      'c_pa',
      'first;',
      point(
        'c_pi',
        'second;',
        point('c_pA', 'third:', point('c_p4', 'fourth:', point('c_p5', 'fifth;')), point('c_p4b', 'also fourth;')),
      ),
      point('c_pii', 'after;'),
    ),
    point('c_pb', 'last.'),
  ]);
  doc
    .getXmlFragment(DOCUMENT_FIELD)
    .insert(0, [
      element('title', {}, [new Y.XmlText('Stored too deep')]),
      element('preamble', {}, [clause('c_deeppp1', 'Recalling,')]),
      element('operative', {}, [op1]),
    ]);
  return Y.encodeStateAsUpdate(doc);
}

/** The ids of every point in the outline, by reference. */
const pointIds = (outline: Outline) =>
  Object.fromEntries(outline.clauses.flatMap((c) => c.points.map((p) => [p.reference, p.id])));

describe('a draft stored before points had ids', () => {
  it('loads with the same text, its points get ids from the server, the outline finds no problem, and the ids survive a restart', async () => {
    const dataDir = tempDir();
    await (await startTestServer({ dataDir })).close();
    const stored = oldShape();
    await storeDraftText(dataDir, DRAFT, stored);
    const before = new Y.Doc();
    Y.applyUpdate(before, stored);
    const old = readOutline(documentJSON(before));
    expect(old.problems.map((problem) => problem.code)).toEqual(Array(5).fill('point-without-id'));

    const first = await startTestServer({ dataDir });
    cleanups.push(() => first.close());
    expect(await first.storedDraftsChecked).toMatchObject({ unreadable: [], repaired: [] });
    const chair = await signIn(first.url, DEMO.chair);
    let migrated: Outline | undefined;
    await waitFor(async () => {
      migrated = await fetchOutline(chair, DRAFT.id);
      expect(migrated.problems).toEqual([]);
    });
    // The text reads exactly as before: same clauses, numbers, points, labels and words.
    const sameText = (outline: Outline) =>
      outline.clauses.map((c) => [c.id, c.number, c.text, c.points.map((p) => [p.reference, p.text])]);
    expect(sameText(migrated!)).toEqual(sameText(old));
    const ids = pointIds(migrated!);
    expect(Object.keys(ids)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(c)', 'OP2(a)', 'OP2(b)']);
    const values = Object.values(ids);
    expect(values.every((id) => /^c_[a-z0-9]{12}$/.test(id))).toBe(true);
    expect(new Set([...values, 'c_oldpp1', 'c_oldop1', 'c_oldop2']).size).toBe(values.length + 3);
    await first.close();

    // The ids were stored with the text, and a restart reads the same ones.
    expect(pointIds(readOutline(documentJSON(await readStoredText(dataDir, DRAFT.id))))).toEqual(ids);
    const second = await startTestServer({ dataDir });
    cleanups.push(() => second.close());
    const again = await fetchOutline(await signIn(second.url, DEMO.chair), DRAFT.id);
    expect(pointIds(again)).toEqual(ids);
    expect(sameText(again)).toEqual(sameText(old));
    expect(again.problems).toEqual([]);
  });
});

describe('a draft stored with points nested past the third level', () => {
  it('is mended on start: the deeper points are lifted to the third level, with their words, order and ids', async () => {
    const dataDir = tempDir();
    await (await startTestServer({ dataDir })).close();
    const draft = { id: 'TooDeepDraft', title: 'Stored too deep', chairEmail: DEMO.chair };
    await storeDraftText(dataDir, draft, tooDeep());

    const s = await startTestServer({ dataDir });
    cleanups.push(() => s.close());
    expect(await s.storedDraftsChecked).toMatchObject({ unreadable: [], repaired: [draft.id] });
    const outline = await fetchOutline(await signIn(s.url, DEMO.chair), draft.id);
    expect(outline.clauses[1]!.points.map((p) => [p.reference, p.text, p.id])).toEqual([
      ['OP1(a)', 'first;', 'c_pa'],
      ['OP1(a)(i)', 'second;', 'c_pi'],
      ['OP1(a)(i)(A)', 'third:', 'c_pA'],
      ['OP1(a)(i)(B)', 'fourth:', 'c_p4'],
      ['OP1(a)(i)(C)', 'fifth;', 'c_p5'],
      ['OP1(a)(i)(D)', 'also fourth;', 'c_p4b'],
      ['OP1(a)(ii)', 'after;', 'c_pii'],
      ['OP1(b)', 'last.', 'c_pb'],
    ]);
    expect(outline.problems).toEqual([]);
  });
});
