import type { AmendmentStatus } from './review/amendmentStatus';
import { AMENDMENT_STATUS_LABELS } from './review/amendmentStatus';
import type { ReviewPhase } from './review/reviewPhases';
import { REVIEW_PHASE_LABELS } from './review/reviewPhases';

/**
 * Roles are held per draft. What each may do is decided here, once, in the table `POLICY` below,
 * and read by the server's checks (every API route, the review service and every collab message)
 * and by the client (which controls to show, and the sentence on a disabled one).
 */
export const ROLES = ['chair', 'delegate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  chair: 'Chair',
  delegate: 'Delegate',
  observer: 'Observer',
};

/** The kind of body a person speaks for: a State's delegation, or an observer organisation. */
export const AFFILIATION_KINDS = ['delegation', 'organisation'] as const;
export type AffiliationKind = (typeof AFFILIATION_KINDS)[number];

// ——— what a rule may look at ———

/** Who is asking: their role on the draft (undefined for someone who holds none). Enough for most rules. */
export interface Asker {
  role: Role | undefined;
}

/** Who is asking, as known before anything a request names is read: their role and the body they speak for. */
export interface Who extends Asker {
  affiliation: { id: string; kind: AffiliationKind };
}

/** Someone acting in a review cycle: the body they speak for, and the cycle's phase. */
export interface InCycle extends Who {
  phase: ReviewPhase;
}

/** Someone acting on one amendment: who sponsors it, where it stands, and its label for sentences. */
export interface OnAmendment extends InCycle {
  amendment: { sponsorId: string; status: AmendmentStatus; label: string };
}

/** Someone withdrawing a delegation's co-sponsorship (or its request) of an amendment. */
export interface OnCoSponsorship extends OnAmendment {
  coSponsorId: string;
}

/** Someone reading an amendment: a draft is its sponsor's alone. */
export interface ReadingAmendment extends Asker {
  affiliation: { id: string };
  amendment: { sponsorId: string; status: AmendmentStatus };
}

/** Someone commenting on an amendment: the cycle's phase, and whether a comment period of the draft is open. */
export interface CommentingOnAmendment extends Asker {
  phase: ReviewPhase;
  commentPeriodOpen: boolean;
}

// ——— how a rule is written ———

/**
 * Why something is refused, which is also how the API answers it: `forbidden` is about who is
 * asking (403), `hidden` means the thing is not theirs to see (404), `conflict` means not now, or
 * not in this state (409). A client hides a control refused as forbidden or hidden, and shows one
 * refused as a conflict disabled, with the sentence.
 */
export type Refusal = 'forbidden' | 'hidden' | 'conflict';

/** One condition of a rule beyond the role: a predicate over the context, and the sentence when it fails. */
export interface Condition<C> {
  refusal: Refusal;
  /** The API's stable id for this refusal. */
  error: string;
  holds: (context: C) => boolean;
  reason: (context: C) => string;
  /**
   * The condition reads nothing but {@link Who} (the role and the person's affiliation), so a
   * route checks it with the role, before it reads what the request acts on (see `whoMay`).
   */
  aboutWho?: true;
}

/** One entry of the table: the roles that may act, why others may not, and any further conditions. */
export interface Rule<C extends Asker> {
  roles: readonly Role[];
  /** Why a person of another role may not; without it, "As a delegate of this draft you cannot do this." */
  refusal: string | null;
  conditions: readonly Condition<C>[];
}

/** The answer to "may they?": yes, or how and why not. */
export type Decision = { ok: true } | { ok: false; refusal: Refusal; error: string; reason: string };

const everyone: readonly Role[] = ['chair', 'delegate', 'observer'];
const negotiators: readonly Role[] = ['chair', 'delegate'];
const chairOnly: readonly Role[] = ['chair'];
const delegations: readonly Role[] = ['delegate'];

function rule<C extends Asker = Asker>(
  roles: readonly Role[],
  refusal: string | null = null,
  ...conditions: Condition<C>[]
): Rule<C> {
  return { roles, refusal, conditions };
}

const quoted = (phase: ReviewPhase) => `"${REVIEW_PHASE_LABELS[phase]}"`;

/** The cycle is in one of `phases`; `what` starts the sentence ("Amendments are proposed"). */
function inPhases<C extends InCycle>(phases: readonly ReviewPhase[], what: string): Condition<C> {
  return {
    refusal: 'conflict',
    error: 'wrong_phase',
    holds: (c) => phases.includes(c.phase),
    reason: (c) => `${what} during ${phases.map(quoted).join(' or ')}; this review cycle is in ${quoted(c.phase)}.`,
  };
}

/** The person speaks for a State's delegation, not an observer organisation or the secretariat. */
function delegationsOnly<C extends Who>(what: string): Condition<C> {
  return {
    aboutWho: true,
    refusal: 'forbidden',
    error: 'not_a_delegation',
    holds: (c) => c.affiliation.kind === 'delegation',
    reason: () => `Only delegations of States ${what}; your account belongs to an organisation.`,
  };
}

/** The person's delegation sponsors the amendment. */
function sponsorOnly(reason: string): Condition<OnAmendment> {
  return {
    refusal: 'forbidden',
    error: 'forbidden',
    holds: (c) => c.amendment.sponsorId === c.affiliation.id,
    reason: () => reason,
  };
}

/** The person's delegation does not sponsor the amendment (it supports it by sponsoring it). */
function notSponsor(error: string, reason: string): Condition<OnAmendment> {
  return { refusal: 'conflict', error, holds: (c) => c.amendment.sponsorId !== c.affiliation.id, reason: () => reason };
}

/** The amendment has this status. */
function amendmentIs(status: AmendmentStatus, error: string, reason: (c: OnAmendment) => string) {
  return { refusal: 'conflict', error, holds: (c: OnAmendment) => c.amendment.status === status, reason } as const;
}

/**
 * The amendment is tabled and undecided, and the cycle not yet at its decisions: the window for
 * co-sponsors and statements. Two conditions, so each refusal says what is wrong.
 */
function openForPositions(what: string): Condition<OnAmendment>[] {
  return [
    {
      refusal: 'conflict',
      error: 'amendment_not_open',
      holds: (c) => c.amendment.status === 'submitted' || c.amendment.status === 'under-consideration',
      reason: (c) =>
        `${c.amendment.label} is ${AMENDMENT_STATUS_LABELS[c.amendment.status].toLowerCase()}; ` +
        `only submitted amendments and those under consideration can be ${what}.`,
    },
    inPhases(['submission', 'comment', 'deliberation'], `Amendments are ${what}`),
  ];
}

const observersMay = 'they may comment on amendments during the comment period';

/** Who may comment at any time (`comment:write`), also on amendments. */
const commentAnyTime = negotiators;
const mayAlwaysComment = (role: Role | undefined) => role !== undefined && commentAnyTime.includes(role);

// ——— the table ———

/**
 * Everything anyone may do on a draft, and who may: read top to bottom. A rule's role list is
 * checked first, then its conditions about who is asking (forbidden, hidden), then those about
 * when (conflict), so an observer asking for a decision hears that it is the chair's, never that
 * the amendment is in the wrong state. The amendment status machine (shared/review/
 * amendmentTransitions.ts) takes who from the `amendment:submit` … `amendment:decide` rows, the
 * phase machine from `review:move-phase`.
 */
const POLICY = {
  // The draft and its text. The collab server checks the text rules on every change it receives.
  'draft:read': rule(everyone),
  'draft:edit-text': rule(negotiators),
  /** Change the draft's title, in the text or through the API. */
  'draft:rename': rule(chairOnly, 'Only the chair renames a draft.'),
  /** Define the draft's pillars: add, rename, recolour, reorder and remove them. */
  'draft:edit-pillars': rule(chairOnly, "Only the chair changes the draft's pillars."),
  /** Write, change or remove the opening formula ("The General Assembly,"): it names the body that adopts the text. */
  'draft:edit-formula': rule(
    chairOnly,
    'Only the chair changes the opening formula, which names the body that adopts the text.',
  ),
  /** Agree a clause (agreed, agreed ad ref) or reopen it: the chair's prerogative. */
  'clause:set-status': rule(
    chairOnly,
    'Only the chair sets the status of a clause (open, agreed ad ref or agreed); delegates may still tag its pillars.',
  ),
  /**
   * Change the words, marks or structure of an agreed (or agreed ad ref) clause, its points and
   * footnotes included, delete or move it. In open text delegates add, edit, move and remove
   * points, divisions, footnotes and annexes (`draft:edit-text`).
   */
  'clause:edit-agreed': rule(
    chairOnly,
    'Only the chair changes a clause that is agreed or agreed ad ref directly; suggest a change or comment on it.',
  ),
  'draft:archive': rule(chairOnly),
  'clause:tag': rule(negotiators),

  // Suggestions (docs/suggestions.md). Making one is editing the text (`draft:edit-text`), judged by the collab gate.
  /** Accept or reject a suggestion, or all in a clause. */
  'suggestion:decide': rule(chairOnly, 'Only the chair accepts or rejects suggestions; support or oppose one instead.'),
  /** Support or oppose another delegation's suggestion; withdraw one's own (the service checks it is theirs). */
  /** The chair decides suggestions and takes no side on them. */
  'suggestion:take-stance': rule(delegations, 'Only delegations support or oppose suggestions.'),
  'suggestion:withdraw': rule(negotiators, 'Only the person who made a suggestion can withdraw it.'),
  /** Freeze the numbering (new clauses become "OP5 bis"), renumber (rewriting references), or unfreeze it. */
  'draft:renumber': rule(chairOnly, 'Only the chair freezes or renumbers the paragraphs.'),
  /** Make suggesting the only way to change the text for everyone but the chair (facilitator mode), or end it. */
  'draft:facilitate': rule(chairOnly, 'Only the chair turns facilitator mode on or off.'),

  // Brackets and alternatives (docs/brackets-and-alternatives.md).
  /** Join or leave the delegations holding a bracket open; support one wording of a set of alternatives. */
  'bracket:hold': rule(negotiators, 'Only delegations hold text in brackets.'),
  'alternative:support': rule(negotiators, 'Only delegations support a wording.'),
  /** Lift a bracket; select the wording that is agreed (the others are kept in the record). */
  'bracket:remove': rule(chairOnly, 'Only the chair removes brackets; ask the chair when the words are agreed.'),
  'alternative:select': rule(chairOnly, 'Only the chair selects the agreed wording among alternatives.'),

  // People.
  'members:read': rule(everyone),
  'members:manage': rule(chairOnly),
  'invites:manage': rule(chairOnly),
  'history:read': rule(everyone),
  'audit:read': rule(chairOnly),

  // Comments.
  /** Comment at any time. */
  'comment:write': rule(commentAnyTime),
  /** Comment while a comment period is open. */
  'comment:write-in-period': rule(everyone),
  /** Resolve or reopen any thread (authors may always resolve their own). */
  'comment:resolve-any': rule(negotiators),
  'comment:moderate': rule(chairOnly),
  'comment-period:manage': rule(chairOnly),

  // Named versions.
  /** Save, restore and publish named versions. */
  'version:manage': rule(chairOnly),

  // The periodic review: its cycles.
  'review:open-cycle': rule(chairOnly, 'Only the chair opens a review cycle.'),
  /** One phase forward at a time; the phase machine (reviewPhases.ts) decides which. */
  'review:move-phase': rule(chairOnly, 'Only the chair moves a review cycle from one phase to the next.'),
  'review:resolve-conflict': rule(chairOnly, 'Only the chair resolves conflicts between adopted amendments.'),
  'review:consolidate': rule<InCycle>(
    chairOnly,
    'Only the chair consolidates a review cycle.',
    inPhases(['decision', 'closed'], 'A review cycle is consolidated'),
  ),

  // The periodic review: amendments.
  /** A draft amendment is seen by its sponsoring delegation alone; everything submitted by every member. */
  'amendment:read': rule<ReadingAmendment>(everyone, null, {
    refusal: 'hidden',
    error: 'amendment_not_found',
    holds: (c) => c.amendment.status !== 'draft' || c.amendment.sponsorId === c.affiliation.id,
    reason: () => 'This review cycle has no amendment with that id.',
  }),
  'amendment:propose': rule<InCycle>(
    negotiators,
    `Observers cannot propose amendments; ${observersMay}.`,
    delegationsOnly('propose amendments'),
    inPhases(['submission'], 'Amendments are proposed'),
  ),
  /** Rewrite a draft amendment before submitting it. */
  'amendment:edit': rule<OnAmendment>(
    negotiators,
    'Only the sponsoring delegation can change an amendment.',
    sponsorOnly('Only the sponsoring delegation can change an amendment.'),
    amendmentIs(
      'draft',
      'amendment_not_draft',
      (c) =>
        `${c.amendment.label} has been submitted; its wording can no longer change. Withdraw it and propose another.`,
    ),
    inPhases(['submission'], 'Amendments are changed'),
  ),
  // Status changes: the transitions and their phases are the status machine's.
  'amendment:submit': rule<OnAmendment>(
    negotiators,
    'Only the sponsoring delegation submits an amendment.',
    sponsorOnly('Only the sponsoring delegation submits an amendment.'),
  ),
  'amendment:withdraw': rule<OnAmendment>(
    negotiators,
    'Only the sponsoring delegation withdraws an amendment.',
    sponsorOnly('Only the sponsoring delegation withdraws an amendment.'),
  ),
  'amendment:consider': rule<OnAmendment>(chairOnly, 'Only the chair puts an amendment under consideration.'),
  /** Adopt, adopt as orally revised, or reject. */
  'amendment:decide': rule<OnAmendment>(chairOnly, 'Only the chair records a decision on an amendment.'),
  // Support.
  'amendment:co-sponsor': rule<OnAmendment>(
    negotiators,
    `Observers cannot co-sponsor amendments; ${observersMay}.`,
    delegationsOnly('co-sponsor amendments'),
    notSponsor('already_sponsor', 'Your delegation sponsors this amendment.'),
    ...openForPositions('co-sponsored'),
  ),
  /** Accept or decline a request to co-sponsor. */
  'amendment:answer-co-sponsor': rule<OnAmendment>(
    negotiators,
    'Only the sponsoring delegation accepts co-sponsors.',
    sponsorOnly('Only the sponsoring delegation accepts co-sponsors.'),
    ...openForPositions('co-sponsored'),
  ),
  /** Stop co-sponsoring, or withdraw the request. */
  'amendment:leave-co-sponsorship': rule<OnCoSponsorship>(
    negotiators,
    'Only a co-sponsoring delegation can withdraw its own co-sponsorship.',
    {
      refusal: 'forbidden',
      error: 'forbidden',
      holds: (c) => c.coSponsorId === c.affiliation.id,
      reason: () =>
        'Only a co-sponsoring delegation can withdraw its own co-sponsorship; the sponsor declines requests instead.',
    },
    ...openForPositions('co-sponsored'),
  ),
  /** State support or objection (one statement per delegation, replaceable and retractable). */
  'amendment:state-position': rule<OnAmendment>(
    negotiators,
    `Observers cannot state support or objection; ${observersMay}.`,
    delegationsOnly('state support or objection'),
    notSponsor('sponsor_statement', 'The sponsoring delegation supports its amendment by sponsoring it.'),
    ...openForPositions('supported or objected to'),
  ),
  /** Comment on a submitted amendment: negotiators any time the cycle is open, observers in a comment period. */
  'amendment:comment': rule<CommentingOnAmendment>(
    everyone,
    null,
    {
      refusal: 'forbidden',
      error: 'no_comment_period',
      holds: (c) => mayAlwaysComment(c.role) || c.phase === 'comment' || c.commentPeriodOpen,
      reason: () => 'Observers can comment on amendments during the review’s comment period, and it is not open now.',
    },
    {
      refusal: 'conflict',
      error: 'cycle_closed',
      holds: (c) => c.phase !== 'closed',
      reason: () => 'The review cycle of this amendment is closed; it takes no more comments.',
    },
  ),
} as const;

/** Everything the table decides. */
export type PolicyAction = keyof typeof POLICY;

/** What the rule of `action` needs to know. */
export type PolicyContext<A extends PolicyAction> = (typeof POLICY)[A] extends Rule<infer C> ? C : never;

/** The actions decided by the role alone: what `can` answers. */
export type DraftAction = { [A in PolicyAction]: Asker extends PolicyContext<A> ? A : never }[PolicyAction];

const ORDER: readonly Refusal[] = ['hidden', 'forbidden', 'conflict'];

/**
 * Whether the person in `context` may do `action`, and if not, how and why not: the role first,
 * then who they are (their delegation, whether they sponsor), then when (phase, status).
 */
export function decide<A extends PolicyAction>(action: A, context: PolicyContext<A>): Decision {
  const entry = POLICY[action] as Rule<PolicyContext<A>>;
  if (context.role === undefined || !entry.roles.includes(context.role)) {
    return { ok: false, refusal: 'forbidden', error: 'forbidden', reason: roleRefusal(entry, context.role) };
  }
  for (const refusal of ORDER) {
    for (const condition of entry.conditions) {
      if (condition.refusal === refusal && !condition.holds(context)) {
        return { ok: false, refusal, error: condition.error, reason: condition.reason(context) };
      }
    }
  }
  return { ok: true };
}

/**
 * Whether `role` is among those who may do `action` at all, before its conditions: what a route
 * checks before it reads the request, so a person whose role never allows it hears so first.
 */
export function roleMay(role: Role | undefined, action: PolicyAction): Decision {
  if (roleAllows(role, action)) return { ok: true };
  return { ok: false, refusal: 'forbidden', error: 'forbidden', reason: roleRefusal(POLICY[action], role) };
}

/** Whether the rule of `action` names `role` (no role: never). */
function roleAllows(role: Role | undefined, action: PolicyAction): boolean {
  const entry: Rule<never> = POLICY[action];
  return role !== undefined && entry.roles.includes(role);
}

/**
 * Whether the person may do `action` as far as who they are decides it: their role, then the
 * rule's conditions about who is asking alone (a delegation, not an organisation). What every
 * route checks first, before it reads what the request names, so the answer is 403 before any
 * 404 or 409 about the data; the full rule (`decide`) is checked again once that is known.
 */
export function whoMay(action: PolicyAction, who: Who): Decision {
  const byRole = roleMay(who.role, action);
  if (!byRole.ok) return byRole;
  // Only conditions marked `aboutWho` are called here, and they read nothing but `Who`.
  const conditions = POLICY[action].conditions as readonly Condition<Who>[];
  for (const condition of conditions) {
    if (condition.aboutWho && !condition.holds(who)) {
      return { ok: false, refusal: condition.refusal, error: condition.error, reason: condition.reason(who) };
    }
  }
  return { ok: true };
}

/** Whether a person holding `role` on a draft (or no role: undefined) may do `action` there. */
export function can(role: Role | undefined, action: DraftAction): boolean {
  // As roleMay decides, without building its answer: asked for every update a connection sends.
  return roleAllows(role, action);
}

function roleRefusal(entry: Rule<never>, role: Role | undefined): string {
  if (entry.refusal !== null) return entry.refusal;
  if (role === undefined) return 'You are not a member of this draft. Ask its chair for an invitation.';
  return `As ${role === 'observer' ? 'an' : 'a'} ${role} of this draft you cannot do this.`;
}

// ——— people ———

/** A delegation (a State, with its ISO 3166-1 alpha-3 code) or an observer organisation. */
export interface Affiliation {
  id: string;
  kind: AffiliationKind;
  name: string;
  /** ISO 3166-1 alpha-3 for a delegation (user-assigned X-codes allowed for fictional States); null for an organisation. */
  code: string | null;
}

/** A person as the API shows them: never a password hash or a token. */
export interface PublicUser {
  id: string;
  name: string;
  email: string;
  affiliation: Affiliation;
  canCreateDrafts: boolean;
}

/** A member of a draft. */
export interface Member {
  user: Omit<PublicUser, 'canCreateDrafts'>;
  role: Role;
  since: string;
}

/** The identity the server stamps on a collab connection's presence; clients cannot choose it. */
export interface PresenceUser {
  userId: string;
  name: string;
  color: string;
  role: Role;
  affiliation: string;
  affiliationCode: string | null;
}

/** Whether a string is an ISO 3166-1 alpha-3 shaped code (three capital letters). */
export const ALPHA3_PATTERN = /^[A-Z]{3}$/;
