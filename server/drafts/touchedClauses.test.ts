import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { clauseText, insertClause, sectionElement } from '../testing/collabClient';
import { changesStructure, touchedClauseIds } from './touchedClauses';

/** A draft's Yjs text as the editor writes it: title, preamble and operative sections, one clause each. */
function draft(): Y.Doc {
  const doc = new Y.Doc();
  const root = doc.getXmlFragment(DOCUMENT_FIELD);
  const title = new Y.XmlElement('title');
  title.insert(0, [new Y.XmlText('Norms')]);
  root.insert(0, [title, new Y.XmlElement('preamble'), new Y.XmlElement('operative')]);
  insertClause(doc, 'preamble', 0, { id: 'c_pp1', text: 'Recalling' });
  insertClause(doc, 'operative', 0, { id: 'c_op1', text: 'States should' });
  return doc;
}

/** What the helpers say about the one transaction `change` makes. */
function describeChange(doc: Y.Doc, change: () => void): { structure: boolean; clauses: string[] } {
  let seen: { structure: boolean; clauses: string[] } | null = null;
  const listener = (transaction: Y.Transaction): void => {
    seen = {
      structure: changesStructure(transaction),
      clauses: touchedClauseIds(transaction),
    };
  };
  doc.on('afterTransaction', listener);
  doc.transact(change);
  doc.off('afterTransaction', listener);
  if (!seen) throw new Error('no transaction');
  return seen;
}

describe('what a transaction changed', () => {
  it('typing or formatting inside a clause changes no structure', () => {
    const doc = draft();
    expect(describeChange(doc, () => clauseText(doc, 'operative', 0).insert(13, ' refrain'))).toEqual({
      structure: false,
      clauses: ['c_op1'],
    });
    expect(describeChange(doc, () => clauseText(doc, 'operative', 0).delete(0, 7))).toEqual({
      structure: false,
      clauses: ['c_op1'],
    });
    expect(describeChange(doc, () => clauseText(doc, 'operative', 0).format(0, 4, { bold: {} }))).toEqual({
      structure: false,
      clauses: ['c_op1'],
    });
  });

  it('re-tagging, adding, removing or moving clauses, or adding a paragraph, changes the structure', () => {
    const doc = draft();
    const operative = sectionElement(doc, 'operative');
    expect(describeChange(doc, () => (operative.get(0) as Y.XmlElement).setAttribute('id', 'c_pp1')).structure).toBe(
      true,
    );
    expect(describeChange(doc, () => insertClause(doc, 'operative', 1, { id: 'c_op2', text: 'New' })).structure).toBe(
      true,
    );
    expect(
      describeChange(doc, () => (operative.get(0) as Y.XmlElement).insert(1, [new Y.XmlElement('paragraph')]))
        .structure,
    ).toBe(true);
    expect(describeChange(doc, () => operative.delete(1, 1)).structure).toBe(true);
  });
});
