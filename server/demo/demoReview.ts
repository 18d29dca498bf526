import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { PillarKey } from '../../shared/pillars';
import type { ReviewActor } from '../review/ReviewActor';
import type { ReviewService } from '../review/ReviewService';
import type { Storage } from '../storage/Storage';
import type { VersionService } from '../versions/VersionService';

/** One amendment of the demo review: which clause it concerns (by its text), what it proposes, who backs it. */
interface DemoAmendment {
  sponsor: string;
  kind: 'modify' | 'add';
  /** The opening words of the base clause it amends, or after which it adds one. */
  clauseStartsWith: string;
  /** The whole proposed clause text. */
  text: string;
  pillars: PillarKey[];
  justification: string;
  coSponsors: string[];
  statements: { by: string; stance: 'support' | 'objection'; note: string }[];
}

const amendments: DemoAmendment[] = [
  {
    sponsor: 'valdoria@accord.example',
    kind: 'modify',
    clauseStartsWith: 'A State that is the target',
    text:
      'A State that is the target of a cyber operation should base any response on attribution ' +
      'supported by technical evidence that can, within thirty days and where security permits, ' +
      'be shared with affected States or reviewed by independent experts.',
    pillars: ['attribution'],
    justification:
      'Affected States need the evidence while a response is still being decided. A time limit ' +
      'turns a general intention into a commitment that can be checked at the next review.',
    coSponsors: ['norland@accord.example'],
    statements: [
      {
        by: 'meridia@accord.example',
        stance: 'objection',
        note: 'Thirty days is too short for complex intrusions; Meridia could accept sixty.',
      },
    ],
  },
  {
    sponsor: 'meridia@accord.example',
    kind: 'add',
    clauseStartsWith: 'States taking measures in response',
    text:
      'States should notify the secretariat within seventy-two hours of taking a response ' +
      'measure, so that the record of State practice informs each periodic review.',
    pillars: ['transparency-cooperation', 'enforcement-review'],
    justification:
      'The review can only judge whether responses were proportionate if it knows which responses ' +
      'were taken. A short notice to the secretariat builds that record without disclosing ' +
      'sensitive detail.',
    coSponsors: [],
    statements: [
      {
        by: 'valdoria@accord.example',
        stance: 'support',
        note: 'Valdoria supports a notification duty and would welcome a common form.',
      },
    ],
  },
];

function clause(id: string, text: string, pillars: PillarKey[]): DocumentNodeJSON {
  return {
    type: 'clause',
    attrs: { id, pillars, status: 'open' },
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  };
}

/**
 * The demo's periodic review: the seeded text saved and published as Rev.1, the "2027 periodic
 * review" open on it in its submission phase, and two amendments tabled through the same service
 * the API uses, one co-sponsored, each with a statement from another delegation.
 */
export async function seedDemoReview(
  deps: { storage: Storage; versions: VersionService; review: ReviewService },
  draftId: string,
): Promise<void> {
  const { storage, versions, review } = deps;
  const actorOf = async (email: string, role: ReviewActor['role']): Promise<ReviewActor> => {
    const user = (await storage.getUserByEmail(email))!;
    const affiliation = (await storage.getAffiliation(user.affiliationId))!;
    return { userId: user.id, role, affiliationId: affiliation.id, affiliationKind: affiliation.kind };
  };
  const chair = await actorOf('chair@accord.example', 'chair');
  const base = await versions.create(
    draftId,
    chair.userId,
    'Rev.1',
    'The text as agreed at the founding meeting, opened for its first periodic review.',
  );
  await storage.setVersionPublished(base.id, chair.userId, new Date());
  const year = new Date().getFullYear() + 1;
  const cycle = await review.cycles.open(draftId, chair, {
    name: `${year} periodic review`,
    baseVersionId: base.id,
    schedule: {
      submission: `${year}-03-31`,
      comment: `${year}-05-31`,
      deliberation: `${year}-07-15`,
      decision: `${year}-09-30`,
    },
  });
  const clauses = (base.document.content ?? []).flatMap((section) => section.content ?? []);
  const textOf = (node: DocumentNodeJSON): string => node.text ?? (node.content ?? []).map(textOf).join('');
  for (const demo of amendments) {
    const target = clauses.find((node) => textOf(node).startsWith(demo.clauseStartsWith));
    if (!target) throw new Error(`The demo text has no clause starting "${demo.clauseStartsWith}".`);
    const clauseId = target.attrs!.id as string;
    const sponsor = await actorOf(demo.sponsor, 'delegate');
    const proposed = await review.amendments.propose(draftId, cycle.id, sponsor, {
      kind: demo.kind,
      clauseId,
      proposed: clause(demo.kind === 'modify' ? clauseId : 'new', demo.text, demo.pillars),
      justification: demo.justification,
      pillars: demo.pillars,
    });
    await review.amendments.changeStatus(draftId, cycle.id, proposed.id, sponsor, { to: 'submitted' });
    for (const email of demo.coSponsors) {
      const coSponsor = await actorOf(email, 'delegate');
      await review.support.requestCoSponsorship(draftId, cycle.id, proposed.id, coSponsor);
      await review.support.answerCoSponsorship(draftId, cycle.id, proposed.id, coSponsor.affiliationId, sponsor, true);
    }
    for (const statement of demo.statements) {
      await review.support.state(draftId, cycle.id, proposed.id, await actorOf(statement.by, 'delegate'), {
        stance: statement.stance,
        note: statement.note,
      });
    }
  }
}
