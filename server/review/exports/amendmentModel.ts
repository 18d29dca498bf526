import type { Taxonomy } from '../../../shared/pillars';
import type { WordChange } from '../../../shared/redline';
import { AMENDMENT_STATUS_LABELS } from '../../../shared/review/amendmentStatus';
import { pointChangeText, touchesPoints } from '../../../shared/review/pointChanges';
import type {
  AffiliationRef,
  Amendment,
  AmendmentKind,
  AmendmentTransition,
  DecisionMethod,
  WordAction,
} from '../../../shared/review/types';
import type { RedlineLine } from '../../exports/redlineLayout';
import { redlineLines } from '../../exports/redlineLayout';

/** What a `modify` amendment's words do, as the exports name it. */
const WORD_ACTION_LABELS: Record<WordAction, string> = {
  replace: 'replace words',
  insert: 'insert words',
  delete: 'delete words',
  none: 'no change in wording',
};

/** What an amendment does, in a few words: "replace words", "new clause", "delete clause". */
export function amendmentAction(amendment: Pick<Amendment, 'kind' | 'wordAction'>): string {
  if (amendment.kind === 'add') return 'new clause';
  if (amendment.kind === 'delete') return 'delete clause';
  return WORD_ACTION_LABELS[amendment.wordAction];
}

/** The heading every export gives an amendment: "A-3 — OP2 (replace words)", "A-4 — after OP2 (new clause)". */
export function amendmentTitle(amendment: Pick<Amendment, 'label' | 'kind' | 'wordAction' | 'clauseNumber'>): string {
  const where = amendment.kind === 'add' ? `after ${amendment.clauseNumber}` : amendment.clauseNumber;
  return `${amendment.label} — ${where} (${amendmentAction(amendment)})`;
}

/** A delegation or organisation as exports name it: "Republic of Valdoria (XVA)", or the name alone without a code. */
export function affiliationName(affiliation: Pick<AffiliationRef, 'name' | 'code'>): string {
  return affiliation.code ? `${affiliation.name} (${affiliation.code})` : affiliation.name;
}

/** The co-sponsors the sponsor has accepted, in the order they asked; pending requests are nobody's sponsorship yet. */
export function acceptedCoSponsors(amendment: Pick<Amendment, 'coSponsors'>): AffiliationRef[] {
  return amendment.coSponsors
    .filter((coSponsor) => coSponsor.status === 'accepted')
    .map((coSponsor) => coSponsor.affiliation);
}

/** The recorded decision an amendment stands under: the latest transition into its current status that carries one. */
export function amendmentDecision(
  amendment: Pick<Amendment, 'status' | 'transitions'>,
): (AmendmentTransition & { decision: DecisionMethod }) | null {
  for (let i = amendment.transitions.length - 1; i >= 0; i--) {
    const transition = amendment.transitions[i]!;
    if (transition.to === amendment.status && transition.decision)
      return { ...transition, decision: transition.decision };
  }
  return null;
}

/** How a decision was taken: "consensus", or "vote: 12 in favour, 3 against, 2 abstaining". */
export function decisionLabel(decision: DecisionMethod): string {
  return decision.method === 'consensus'
    ? 'consensus'
    : `vote: ${decision.inFavour} in favour, ${decision.against} against, ${decision.abstaining} abstaining`;
}

/** Where an amendment stands, with its decision when there is one: "Adopted by vote: 12 in favour, … (2025-05-06)". */
export function amendmentStatusLine(amendment: Pick<Amendment, 'status' | 'transitions'>): string {
  const status = AMENDMENT_STATUS_LABELS[amendment.status];
  const decision = amendmentDecision(amendment);
  return decision ? `${status} by ${decisionLabel(decision.decision)} (${decision.at.slice(0, 10)})` : status;
}

/** The wording a redline arrives at: everything but its deletions (point labels included, as in the redline). */
export function proposedText(words: readonly WordChange[]): string {
  return words
    .filter((word) => word.op !== 'delete')
    .map((word) => word.text)
    .join('');
}

/** A statement of support or objection as exports list it: "Republic of Valdoria (XVA): its note". */
function statementLine(statement: Amendment['statements'][number]): string {
  const note = statement.note.trim();
  return note ? `${affiliationName(statement.affiliation)}: ${note}` : affiliationName(statement.affiliation);
}

/** Why the base clause may no longer be what the amendment amends, or null when the live text still has it unchanged. */
export function liveChangeNote(amendment: Pick<Amendment, 'clauseNumber' | 'liveChange'>): string | null {
  const change = amendment.liveChange;
  if (!change) return null;
  if (change.change === 'removed')
    return `${amendment.clauseNumber} has been removed from the live text since the base version: this amendment needs review.`;
  const now = change.liveNumber && change.liveNumber !== amendment.clauseNumber ? ` (now ${change.liveNumber})` : '';
  return `${amendment.clauseNumber}${now} has been changed in the live text since the base version: this amendment needs review.`;
}

/**
 * The sentence that introduces an amendment's wording, as the text before and after the
 * clause's number ("Amend ", " to read:"), so an export can link the number to the clause.
 */
export function contentNoteParts(kind: AmendmentKind): [before: string, after: string] {
  if (kind === 'add') return ['Insert a new clause after ', ', to read:'];
  if (kind === 'delete') return ['Delete ', ', which reads:'];
  return ['Amend ', ' to read:'];
}

function contentNote(amendment: Pick<Amendment, 'kind' | 'clauseNumber'>): string {
  const [before, after] = contentNoteParts(amendment.kind);
  return `${before}${amendment.clauseNumber}${after}`;
}

/**
 * An amendment as every review export writes it: headings, attribution, status and decision,
 * and its redline cut into lines (sub-paragraphs marked), all worded once here so the Word list,
 * the compilation in Word and PDF, and the CSV cannot disagree.
 */
export interface ExportAmendment {
  label: string;
  /** "A-3 — OP2 (replace words)". */
  title: string;
  sponsor: string;
  coSponsors: string[];
  /** "Sponsor: … · Co-sponsors: …". */
  sponsorsLine: string;
  /** "Adopted by consensus (2025-05-06)". */
  statusLine: string;
  pillars: string[];
  /** "Amend OP2 to read:", "Insert a new clause after OP2, to read:", "Delete OP4, which reads:". */
  contentNote: string;
  /** The points a change of wording touches, by reference: "OP1(b)(ii): point added; OP1(c): replaced words" ('' when only the clause's own words change). */
  pointChanges: string;
  lines: RedlineLine[];
  /** For adopted-as-revised: the clause as orally revised, against the base clause. */
  revisedLines: RedlineLine[] | null;
  justification: string;
  support: string[];
  objections: string[];
  /** Set when the clause changed in the live text since the base version. */
  liveChange: string | null;
}

/** The wording of one amendment for the review exports. */
export function exportAmendment(amendment: Amendment, taxonomy: Taxonomy): ExportAmendment {
  const sponsor = affiliationName(amendment.sponsor);
  const coSponsors = acceptedCoSponsors(amendment).map(affiliationName);
  return {
    label: amendment.label,
    title: amendmentTitle(amendment),
    sponsor,
    coSponsors,
    sponsorsLine:
      coSponsors.length > 0 ? `Sponsor: ${sponsor} · Co-sponsors: ${coSponsors.join(', ')}` : `Sponsor: ${sponsor}`,
    statusLine: amendmentStatusLine(amendment),
    pillars: amendment.pillars.map((key) => taxonomy.label(key)),
    contentNote: contentNote(amendment),
    pointChanges: touchesPoints(amendment.pointChanges, amendment.clauseNumber)
      ? amendment.pointChanges.map(pointChangeText).join('; ')
      : '',
    lines: redlineLines(amendment),
    revisedLines: amendment.revised ? redlineLines(amendment.revised) : null,
    justification: amendment.justification,
    support: amendment.statements.filter((s) => s.stance === 'support').map(statementLine),
    objections: amendment.statements.filter((s) => s.stance === 'objection').map(statementLine),
    liveChange: liveChangeNote(amendment),
  };
}
