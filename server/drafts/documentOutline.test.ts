import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { insertClause } from '../testing/collabClient';
import { findClauseElement, findClauseElements, liveClauseTexts } from './documentOutline';

function draftWith(clauses: number): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [new Y.XmlElement('preamble'), new Y.XmlElement('operative')]);
  insertClause(doc, 'preamble', 0, { id: 'p0', text: 'Recalling its earlier work,' });
  for (let i = 0; i < clauses; i++) insertClause(doc, 'operative', i, { id: `c${i}`, text: `Clause ${i}.` });
  return doc;
}

it('finds the clauses a batch changed in one walk, in either section, and reads their words when asked', () => {
  const doc = draftWith(1500);
  const wanted = new Set(['c1499', 'p0', 'c7', 'gone']);
  const found = findClauseElements(doc, wanted);
  expect([...found.keys()].toSorted()).toEqual(['c1499', 'c7', 'p0']);
  expect(found.get('c7')).toBe(findClauseElement(doc, 'c7'));
  const read = liveClauseTexts(doc, wanted);
  expect(read('c1499')).toBe('Clause 1499.');
  expect(read('p0')).toBe('Recalling its earlier work,');
  expect(read('gone')).toBeNull();
  // Only the clauses it was prepared for.
  expect(read('c8')).toBeNull();
});
