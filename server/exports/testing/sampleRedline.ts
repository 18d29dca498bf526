import type { ClauseSpec, DraftSpec } from '../../../shared/draftText';
import type { DocumentNodeJSON } from '../../../shared/documentJSON';
import { readOutline } from '../../../shared/outline';
import { compareTexts } from '../../versions/redline';
import type { Redline } from '../../versions/redline';
import { snapshotFromSpec } from './snapshotFromSpec';

/** A point with the id it keeps between the two texts. */
interface SamplePoint {
  id: string;
  text: string;
  points?: SamplePoint[];
}

type SampleClause = Omit<ClauseSpec, 'points' | 'subparagraphs'> & { id: string; points?: SamplePoint[] };

type Spec = Omit<DraftSpec, 'preamble' | 'operative'> & { preamble: SampleClause[]; operative: SampleClause[] };

/** Gives the clauses and points of a built text the ids of its spec, in order. */
function giveIds(nodes: readonly DocumentNodeJSON[], specs: readonly (SampleClause | SamplePoint)[]): void {
  const children = nodes.filter((node) => node.type === 'clause' || node.type === 'subparagraph');
  children.forEach((node, index) => {
    const spec = specs[index]!;
    node.attrs = { ...node.attrs, id: spec.id };
    giveIds(node.content ?? [], spec.points ?? []);
  });
}

function build(spec: Spec) {
  const snapshot = snapshotFromSpec(spec);
  for (const section of snapshot.document.content ?? []) {
    if (section.type === 'preamble') giveIds(section.content ?? [], spec.preamble);
    if (section.type === 'operative') giveIds(section.content ?? [], spec.operative);
  }
  return { ...snapshot, outline: readOutline(snapshot.document) };
}

/**
 * A redline with one of each kind of change, for the redline renderers' tests: a word replaced
 * ("protect" → "safeguard"), a point amended, a nested point inserted under (b) and a later one
 * relabelled, a clause moved, one added, one removed, and a status and pillar change.
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
        points: [
          { id: 'o3a', text: 'the first factor;' },
          { id: 'o3b', text: 'the second factor, in particular:', points: [{ id: 'o3b1', text: 'its scale;' }] },
        ],
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
        points: [
          { id: 'o3a', text: 'the first factor;' },
          {
            id: 'o3b',
            text: 'the second and amended factor, in particular:',
            points: [
              { id: 'o3bn', text: 'its duration;' },
              { id: 'o3b1', text: 'its scale;' },
            ],
          },
        ],
      },
      { id: 'o1', text: 'States should safeguard essential services.' },
      { id: 'o2', text: 'States should notify the designated body.', status: 'agreed', pillars: ['attribution'] },
      { id: 'o5', text: 'A brand new clause.' },
    ],
  });
  return compareTexts(from, to);
}
