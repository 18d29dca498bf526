import type { DraftSpec } from '../../../shared/draftText';

/**
 * A resolution with every piece of structure an export must keep: the opening formula, a
 * preambular footnote, parts and sections, an operative clause with points three levels deep
 * ((a) → (i) → (A)) and footnotes at several levels, a paragraph after the points, and an annex
 * with a part of its own. Tests of every text export read it (see `STRUCTURED_DRAFT_ORDER`).
 */
export const STRUCTURED_DRAFT: DraftSpec = {
  title: 'Norms of responsible State conduct',
  formula: 'The General Assembly,',
  preamble: [
    'Recalling its resolution 70/237^[A/RES/70/237, adopted by consensus.],',
    'Noting the report of the Group of Governmental Experts,',
  ],
  operative: [
    { division: 'part', title: 'General provisions' },
    'Affirms that international law applies to the use of information and communications technologies;',
    { division: 'section', title: 'Civilian protection' },
    {
      text: 'Calls upon Member States^[See also A/70/174, para. 13.] to observe the following norms:',
      points: [
        'refrain from attacks on essential services;',
        {
          text: 'take into account:',
          points: [
            'the criticality of the service;',
            {
              text: 'the risk of cascading effects, in particular:',
              points: ['on hospitals;^[Including field hospitals.]', 'on water supply;'],
            },
            'the likely harm to civilians;',
          ],
        },
        'cooperate in good faith.',
      ],
    },
    { division: 'part', title: 'Review' },
    'Decides to review these norms every three years.',
  ],
  annexes: [
    {
      title: 'Indicative list of essential services',
      clauses: [
        { division: 'part', title: 'Services' },
        { text: 'Health care:', points: ['hospitals;', 'emergency services.'] },
        'Energy.',
      ],
    },
  ],
};

/** What a reader of any export of {@link STRUCTURED_DRAFT} meets, in this order: numbers, labels, headings and words. */
export const STRUCTURED_DRAFT_ORDER = [
  'Norms of responsible State conduct',
  'The General Assembly,',
  'PP1.',
  'Recalling its resolution 70/237',
  'PP2.',
  'Part I — General provisions',
  'OP1.',
  'Section A — Civilian protection',
  'OP2.',
  'Calls upon Member States',
  '(a)',
  'refrain from attacks on essential services;',
  '(b)',
  'take into account:',
  '(i)',
  'the criticality of the service;',
  '(ii)',
  'the risk of cascading effects, in particular:',
  '(A)',
  'on hospitals;',
  '(B)',
  'on water supply;',
  '(iii)',
  'the likely harm to civilians;',
  '(c)',
  'cooperate in good faith.',
  'Part II — Review',
  'OP3.',
  'Decides to review these norms every three years.',
  'Annex',
  'Indicative list of essential services',
  'Part I — Services',
  'A1.1',
  'Health care:',
  '(a)',
  'hospitals;',
  '(b)',
  'emergency services.',
  'A1.2',
  'Energy.',
] as const;

/** The footnotes of {@link STRUCTURED_DRAFT}, in their order across the draft. */
export const STRUCTURED_DRAFT_FOOTNOTES = [
  'A/RES/70/237, adopted by consensus.',
  'See also A/70/174, para. 13.',
  'Including field hospitals.',
] as const;

/**
 * The items of `expected` that `text` does not hold in that order (each looked for after the one
 * before it): empty when a reader meets every item in order.
 */
export function missingInOrder(text: string, expected: readonly string[]): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const item of expected) {
    const found = text.indexOf(item, at);
    if (found < 0) missing.push(item);
    else at = found + item.length;
  }
  return missing;
}

/** Whether `item` is a point label, "(a)", "(ii)", "(B)". */
export function isPointLabel(item: string): boolean {
  return /^\((?:[a-z]+|[A-Z]+)\)$/.test(item);
}
