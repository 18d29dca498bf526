import { describe, expect, it } from 'vitest';
import type { DraftSpec } from './draftText';
import { labelBlocks, previewFromSpec, specFromPreview } from './importPreview';

const spec: DraftSpec = {
  title: 'Norms',
  formula: 'The General Assembly,',
  preamble: ['Recalling its resolutions,^[A/RES/78/1.]'],
  operative: [
    { division: 'part', title: 'Scope' },
    {
      text: 'Calls upon States:',
      points: [
        { text: 'to act:', points: [{ text: 'promptly;', points: [{ text: 'within a day;' }] }, { text: 'fully;' }] },
      ],
      blocks: [{ text: 'to report;' }, { paragraph: 'and to cooperate.' }],
      pillars: ['attribution'],
    },
    { division: 'section', title: 'Details' },
    'Decides to remain seized.',
  ],
  annexes: [
    { title: 'Rules', clauses: ['Rule one.'] },
    { title: 'Forms', clauses: [{ division: 'part', title: 'A' }, 'Form.'] },
  ],
};

describe('import previews and draft specs', () => {
  it('previews a draft spec (an Akoma Ntoso read) with the numbers and labels Accord gives, and turns it back unchanged', () => {
    const preview = previewFromSpec(spec, ['One thing to check.']);
    expect(preview.formula).toBe('The General Assembly,');
    expect(preview.warnings).toEqual(['One thing to check.']);
    expect(preview.operative.map((entry) => entry.number)).toEqual(['Part I', 'OP1', 'Section A', 'OP2']);
    const op1 = preview.operative[1]!;
    expect(op1.type === 'clause' && op1.blocks.map((b) => [b.level, b.label, b.text])).toEqual([
      [1, '(a)', 'to act:'],
      [2, '(i)', 'promptly;'],
      [3, '(A)', 'within a day;'],
      [2, '(ii)', 'fully;'],
      [1, '(b)', 'to report;'],
      [0, null, 'and to cooperate.'],
    ]);
    expect(preview.annexes.map((annex) => [annex.label, annex.entries.map((entry) => entry.number)])).toEqual([
      ['Annex I', ['A1.1']],
      ['Annex II', ['Part I', 'A2.1']],
    ]);
    const back = specFromPreview(preview);
    expect(back.operative[1]).toEqual({
      text: 'Calls upon States:',
      blocks: [
        { text: 'to act:', points: [{ text: 'promptly;', points: [{ text: 'within a day;' }] }, { text: 'fully;' }] },
        { text: 'to report;' },
        { paragraph: 'and to cooperate.' },
      ],
      pillars: ['attribution'],
    });
    expect(previewFromSpec(back, ['One thing to check.'])).toEqual(preview);
  });

  it('labels points by their place: no deeper than one below the point before, none below a paragraph, (a) not restarted by it', () => {
    const block = (level: number, text: string) => ({ level, label: null, sourceLabel: null, text });
    expect(
      labelBlocks([block(2, 'x'), block(1, 'y'), block(3, 'z'), block(0, 'p'), block(2, 'w')]).map((b) => [
        b.level,
        b.label,
      ]),
    ).toEqual([
      [1, '(a)'],
      [1, '(b)'],
      [2, '(i)'],
      [0, null],
      [1, '(c)'],
    ]);
  });
});
