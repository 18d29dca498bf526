import { CYBER_TAXONOMY } from '../../../shared/pillars';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import type { Amendment } from '../../../shared/review/types';
import { validateAkn } from '../../testing/validateAkn';
import { renderAmendmentAkn } from './amendmentAkn';
import { A1, A2, A3, A4, A5, AMENDMENTS, CYCLE, DRAFT_TITLE } from './fixtures';

function akn(amendment: Amendment, baseClauseNumber = amendment.clauseNumber): string {
  return renderAmendmentAkn({
    draftTitle: DRAFT_TITLE,
    draftId: CYCLE.draftId,
    cycle: CYCLE,
    amendment,
    baseClauseNumber,
    taxonomy: CYBER_TAXONOMY,
  });
}

/** The text content of the first element named `name`, as an XML reader gets it back (entities decoded). */
function textOf(xml: string, name: string): string {
  const found = create(xml).find((node) => node.node.nodeName === name, true, true);
  if (!found) throw new Error(`no <${name}>`);
  return found.node.textContent ?? '';
}

/** A never-submitted draft of A-4: no number, no transitions. */
const DRAFT: Amendment = {
  ...A4,
  id: 'am-draft',
  number: null,
  label: 'Draft',
  status: 'draft',
  submittedAt: null,
  transitions: [],
  liveChange: null,
};

describe('renderAmendmentAkn', () => {
  it('writes a valid Akoma Ntoso amendment for every kind and status', async () => {
    for (const amendment of [...AMENDMENTS, DRAFT]) {
      const xml = akn(amendment);
      expect(await validateAkn(xml), amendment.label).toEqual([]);
      expect(xml).toMatch(/<amendment name="amendment"[^>]*><meta>/);
      for (const element of [
        'amendmentBody',
        'amendmentHeading',
        'amendmentContent',
        'amendmentJustification',
        'docProponent',
      ])
        expect(xml, `${amendment.label} ${element}`).toContain(`<${element}`);
    }
    // The schema rejects what it should: a sanity check that validation is real.
    expect((await validateAkn(akn(A1).replace('<amendmentBody>', '<amendmentBody><docProponent/>'))).join(' ')).toMatch(
      /docProponent.*not expected/,
    );
  });

  it('names the sponsor and accepted co-sponsors as proponents, authors and references', () => {
    const xml = akn(A1);
    expect(xml).toContain(
      '<p class="proponents">Proposed by <docProponent refersTo="#org-xva" as="#sponsor">Republic ' +
        'of Valdoria</docProponent>, co-sponsored by <docProponent refersTo="#org-xnl" ' +
        'as="#co-sponsor">Kingdom of Norland</docProponent></p>',
    );
    expect(xml).toContain(
      '<TLCOrganization eId="org-xva" href="/ontology/organization/xva" showAs="Republic of Valdoria"/>',
    );
    expect(xml).toContain(
      '<TLCOrganization eId="org-xnl" href="/ontology/organization/xnl" showAs="Kingdom of Norland"/>',
    );
    expect(xml).toContain('<TLCRole eId="co-sponsor"');
    expect(xml).toContain('<FRBRauthor href="#org-xva" as="#sponsor"/><FRBRauthor href="#org-xnl" as="#co-sponsor"/>');
    // Ostrava only asked to co-sponsor.
    expect(xml).not.toContain('Ostravan Federation');
    // Who moved it through its statuses, and the decision.
    expect(xml).toContain('<step date="2026-04-10" by="#person-u-chair" outcome="#status-adopted"/>');
    expect(xml).toContain(
      '<TLCPerson eId="person-u-chair" href="/ontology/person/accord/u-chair" showAs="Amara Osei"/>',
    );
    expect(xml).toContain(
      'Status: <docStatus refersTo="#status-adopted">Adopted</docStatus> by vote: 12 in favour, 3 ' +
        'against, 2 abstaining, <docDate date="2026-04-10">2026-04-10</docDate>',
    );
  });

  it('identifies the amendment and points at the base version and clause it amends', () => {
    const xml = akn(A1);
    expect(xml).toContain('<FRBRthis value="/akn/un/amendment/norms/draft-1/cycle-2026/a-1/!main"/>');
    expect(xml).toContain('<FRBRnumber value="A-1"/>');
    // The same expression IRI and eId as the base version's own Akoma Ntoso export.
    expect(xml).toContain('<affectedDocument href="/akn/un/act/norms/draft-1/eng@ver-rev2">');
    expect(textOf(xml, 'amendmentHeading')).toBe('A-1 — OP1 (replace words)');
    expect(xml).toContain(
      '<ref eId="ref_heading" href="/akn/un/act/norms/draft-1/eng@ver-rev2/!main~para_1">OP1</ref>',
    );
    // The clause number given is the base version's, even if the amendment's record says otherwise.
    expect(akn(A1, 'OP7')).toContain('href="/akn/un/act/norms/draft-1/eng@ver-rev2/!main~para_7">OP7</ref>');
    expect(akn({ ...A1, clauseNumber: 'PP2' }, 'PP2')).toContain('/!main~recs__rec_2">PP2</ref>');
    expect(akn(DRAFT)).toContain('<FRBRuri value="/akn/un/amendment/norms/draft-1/cycle-2026/am-draft"/>');
  });

  it('writes the proposed wording with ins and del, escaping <, & and " so they read back intact', () => {
    const xml = akn(A1);
    expect(xml).toContain(
      '<p class="proposed">States should <del>protect</del><ins>safeguard</ins> essential ' +
        'services<ins> &amp; "critical" systems (where risk &lt; 5%)</ins>.</p>',
    );
    expect(textOf(xml, 'amendmentJustification')).toBe(A1.justification);
    expect(textOf(xml, 'docTitle')).toBe(`Amendment to ${DRAFT_TITLE}`);
    expect(xml).toContain(
      '<amendmentContent refersTo="#pillar-civilian-protection #pillar-resilience-shared-defence">',
    );
  });

  it('writes each point of the wording as a paragraph of its level, and names the points changed', () => {
    const xml = akn(A5);
    expect(xml).toContain('<p class="changes">OP3(b): inserted words; OP3(b)(i): point added</p>');
    expect(xml).toContain(
      '<p class="proposed point level-1">(b) the second <ins>and amended </ins>factor.</p>' +
        '<p class="proposed point level-2"><ins>(i) its duration.</ins></p>',
    );
  });

  it('says plainly what an added or deleted clause does, and gives the orally revised wording', () => {
    const added = akn(A2);
    expect(textOf(added, 'amendmentHeading')).toBe('A-2 — after OP2 (new clause)');
    expect(added).toContain(
      '>Insert a new clause after <ref eId="ref_content" href="/akn/un/act/norms/draft-1/eng@ver-rev2/!main~para_2">OP2</ref>, to read:</p>',
    );
    expect(added).toContain(
      '<p class="proposed"><ins>States should share indicators of compromise with one another.</ins></p>',
    );
    expect(added).toContain(
      '<p class="instruction">As orally revised and adopted:</p><p class="revised"><ins>States ' +
        'should share indicators of compromise promptly with one another.</ins></p>',
    );
    expect(added).toContain(
      'Status: <docStatus refersTo="#status-adopted-as-revised">Adopted as orally revised</docStatus> by consensus',
    );

    const deleted = akn(A3);
    expect(deleted).toContain(
      '>Delete <ref eId="ref_content" href="/akn/un/act/norms/draft-1/eng@ver-rev2/!main~para_3">OP3</ref>, which reads:</p>',
    );
    expect(deleted).toContain(
      '<p class="deleted"><del>Responses should take into account:</del></p><p class="deleted point level-1"><del>(a) the gravity of the harm;</del></p>',
    );
    expect(deleted).not.toContain('<ins>');
    // Each line of the justification its own paragraph.
    expect(deleted).toContain(
      '<amendmentJustification><p>The factors are already listed in the Charter.</p><p>Keeping them invites selective reading.</p></amendmentJustification>',
    );
  });

  it('warns when the clause has changed in the live text since the base version', () => {
    expect(akn(A4)).toContain(
      '<p class="live-change">OP2 (now OP3) has been changed in the live text since the base version: this amendment needs review.</p>',
    );
  });
});
