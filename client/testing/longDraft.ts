/** The words every clause of {@link longDraft} is made of. */
export const LONG_DRAFT_SENTENCE =
  'States should protect hospitals, water supply and electricity grids from malicious activity';

/**
 * An import body (`POST /api/imports`) of `clauses` operative clauses, each the sentence `repeat`
 * times, in parts (every 100th) and sections (every 25th), every 8th with a point and a point
 * within it: a long draft for the large-draft browser test and the typing benchmark.
 */
export function longDraft(clauses: number, repeat: number) {
  const operative: unknown[] = [];
  for (let i = 0; i < clauses; i++) {
    if (i % 100 === 0) operative.push({ division: 'part', title: `Part ${i / 100 + 1}` });
    else if (i % 25 === 0) operative.push({ division: 'section', title: `Section ${i}` });
    const points = i % 8 === 0 ? [{ text: 'a first point', points: [{ text: 'a point within it' }] }] : [];
    operative.push({
      text: `Calls upon ${LONG_DRAFT_SENTENCE.repeat(repeat)};`,
      blocks: points.length ? [{ text: 'Further,', points }] : [],
      pillars: [],
    });
  }
  return {
    title: `A draft of ${clauses} clauses`,
    formula: 'The General Assembly,',
    preamble: [{ text: `Recalling ${LONG_DRAFT_SENTENCE},`, blocks: [], pillars: [] }],
    operative,
  };
}
