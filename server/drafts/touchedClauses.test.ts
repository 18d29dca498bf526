import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { clauseText, insertClause, sectionElement } from '../testing/collabClient';
import { changesStructure, mayChangeTitle, touchedClauseIds } from './touchedClauses';

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
function describeChange(doc: Y.Doc, change: () => void): { structure: boolean; title: boolean; clauses: string[] } {
  let seen: { structure: boolean; title: boolean; clauses: string[] } | null = null;
  const listener = (transaction: Y.Transaction): void => {
    seen = {
      structure: changesStructure(transaction),
      title: mayChangeTitle(transaction, doc.getXmlFragment(DOCUMENT_FIELD)),
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
  it('typing or formatting inside a clause changes no structure and not the title', () => {
    const doc = draft();
    expect(describeChange(doc, () => clauseText(doc, 'operative', 0).insert(13, ' refrain'))).toEqual({
      structure: false,
      title: false,
      clauses: ['c_op1'],
    });
    expect(describeChange(doc, () => clauseText(doc, 'operative', 0).delete(0, 7))).toEqual({
      structure: false,
      title: false,
      clauses: ['c_op1'],
    });
    expect(describeChange(doc, () => clauseText(doc, 'operative', 0).format(0, 4, { bold: {} }))).toEqual({
      structure: false,
      title: false,
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

  it('edits in the title, or to the list of top-level nodes, may change the title; edits elsewhere may not', () => {
    const doc = draft();
    const root = doc.getXmlFragment(DOCUMENT_FIELD);
    const titleText = (root.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(describeChange(doc, () => titleText.insert(5, ' on responses')).title).toBe(true);
    expect(describeChange(doc, () => root.insert(0, [new Y.XmlElement('title')])).title).toBe(true);
    expect(describeChange(doc, () => root.delete(0, 1)).title).toBe(true);
    expect(describeChange(doc, () => insertClause(doc, 'preamble', 1, { id: 'c_pp2', text: 'Noting' })).title).toBe(
      false,
    );
    expect(describeChange(doc, () => clauseText(doc, 'preamble', 0).insert(0, 'Further ')).title).toBe(false);
  });
});
