import { Node, mergeAttributes } from '@tiptap/core';
import type { ClauseStatus } from '../clauses';
import { isClauseStatus } from '../clauses';
import { clauseAlternativeOf } from '../negotiation';
import { CLAUSE_ID_PATTERN, invalid, optionalText, validateId } from './attributes';

export { CLAUSE_ID_PATTERN };

/** Most pillar tags on one clause, and the longest key. */
const MAX_PILLARS = 32;
const MAX_PILLAR_KEY_LENGTH = 64;

/** Longest `statusBy` (a person's name and delegation) and `statusAt` (an ISO date-time). */
const MAX_STATUS_BY_LENGTH = 300;
const MAX_STATUS_AT_LENGTH = 40;

function validatePillars(value: unknown): void {
  const ok =
    Array.isArray(value) &&
    value.length <= MAX_PILLARS &&
    value.every((key) => typeof key === 'string' && key.length > 0 && key.length <= MAX_PILLAR_KEY_LENGTH);
  if (!ok) invalid('pillars', `a list of at most ${MAX_PILLARS} pillar keys`);
}

function validateStatus(value: unknown): void {
  if (!isClauseStatus(value)) invalid('status', 'open, agreed-ad-ref or agreed');
}

/**
 * One numbered paragraph of the norms text: a first paragraph, then further paragraphs or
 * points ((a), which may hold (i), which may hold (A)); points inherit the clause's status and
 * pillars. Its `id` is stable for the clause's whole life; its number (PP2, OP7) is derived from
 * its position and never stored. `pillars` are pillar keys (see `pillars.ts`),
 * kept as written even when unknown so that a bad key is reported, never silently dropped.
 */
export const Clause = Node.create({
  name: 'clause',
  content: 'paragraph (paragraph | subparagraph)*',
  defining: true,
  addAttributes() {
    return {
      id: {
        default: null,
        validate: validateId,
        parseHTML: (element) => element.getAttribute('data-clause-id'),
        renderHTML: (attributes) => (attributes.id ? { 'data-clause-id': attributes.id } : {}),
      },
      pillars: {
        default: [],
        validate: validatePillars,
        parseHTML: (element) => (element.getAttribute('data-pillars') ?? '').split(/\s+/).filter(Boolean),
        renderHTML: (attributes) => {
          const pillars = Array.isArray(attributes.pillars) ? (attributes.pillars as string[]) : [];
          return pillars.length > 0 ? { 'data-pillars': pillars.join(' ') } : {};
        },
      },
      status: {
        default: 'open' satisfies ClauseStatus,
        validate: validateStatus,
        parseHTML: (element) => element.getAttribute('data-status') ?? 'open',
        renderHTML: (attributes) => ({ 'data-status': attributes.status }),
      },
      // One wording of a whole clause (shared/negotiation.ts `ClauseAlternative`), or null.
      alternative: {
        default: null,
        validate: (value: unknown) => {
          if (value !== null && clauseAlternativeOf(value) === null)
            invalid('alternative', 'null, or { set, id, delegation, author, at }, each a short text');
        },
        parseHTML: () => null,
        renderHTML: (attributes) => {
          const alternative = clauseAlternativeOf(attributes.alternative);
          return alternative ? { 'data-alternative-set': alternative.set } : {};
        },
      },
      // Who last set `status` and when: written by the server when it accepts a status change
      // (never by a client), so an agreed clause can say who agreed it. Null before that.
      statusBy: {
        default: null,
        validate: optionalText('statusBy', MAX_STATUS_BY_LENGTH),
        parseHTML: () => null,
        renderHTML: () => ({}),
      },
      statusAt: {
        default: null,
        validate: optionalText('statusAt', MAX_STATUS_AT_LENGTH),
        parseHTML: () => null,
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-clause-id]' }, { tag: 'div.clause' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'clause' }), 0];
  },
});
