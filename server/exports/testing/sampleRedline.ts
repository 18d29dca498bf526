import type { ClauseSpec, DraftSpec } from '../../../shared/draftText';
import { compareOutlines } from '../../versions/redline';
import type { Redline } from '../../versions/redline';
import { snapshotFromSpec } from './snapshotFromSpec';

type Spec = Omit<DraftSpec, 'preamble' | 'operative'> & {
  preamble: (ClauseSpec & { id: string })[];
  operative: (ClauseSpec & { id: string })[];
};

function build(spec: Spec) {
  const ids = [...spec.preamble, ...spec.operative].map((clause) => clause.id);
  let next = 0;
  return snapshotFromSpec(spec, { newId: () => ids[next++]! });
}

/**
 * A redline with one of each kind of change, for the redline renderers' tests: a word replaced
 * ("protect" → "safeguard"), a sub-paragraph amended, a clause moved, one added, one removed,
 * and a status and pillar change.
 */
export function sampleRedline(): Redline {
  const from = build({
    title: 'Norms',
    preamble: [{ id: 'p1', text: 'Recalling its earlier resolution,' }],
    operative: [
      { id: 'o1', text: 'States should protect essential services.' },
      { id: 'o2', text: 'States should notify the designated body.' },
      {
        id: 'o3',
        text: 'Responses should take into account:',
        subparagraphs: ['the first factor;', 'the second factor.'],
      },
      { id: 'o4', text: 'This clause will be removed.' },
    ],
  });
  const to = build({
    title: 'Norms',
    preamble: [{ id: 'p1', text: 'Recalling its earlier resolution,' }],
    operative: [
      {
        id: 'o3',
        text: 'Responses should take into account:',
        subparagraphs: ['the first factor;', 'the second and amended factor.'],
      },
      { id: 'o1', text: 'States should safeguard essential services.' },
      { id: 'o2', text: 'States should notify the designated body.', status: 'agreed', pillars: ['attribution'] },
      { id: 'o5', text: 'A brand new clause.' },
    ],
  });
  return compareOutlines(from.outline, to.outline);
}
