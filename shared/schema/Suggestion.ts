import { Mark, mergeAttributes } from '@tiptap/core';
import { invalid } from './attributes';

/** Attribute checks for both suggestion marks: each attribute a short text (the whole is checked in `shared/suggestions.ts`). */
function suggestionAttribute(name: string, maxLength: number) {
  return {
    default: null,
    validate: (value: unknown) => {
      if (typeof value !== 'string' || value.length === 0 || value.length > maxLength)
        invalid(name, `a text of 1 to ${maxLength} characters`);
    },
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${name}`),
    renderHTML: (attributes: Record<string, unknown>) => ({ [`data-suggestion-${name}`]: attributes[name] }),
  };
}

/** How many tones delegations' suggestions are told apart by; a delegation always gets the same one. */
export const SUGGESTION_TONES = 6;

/** The tone (0 to SUGGESTION_TONES - 1) of a delegation's suggestions, from its id. */
export function suggestionTone(delegation: unknown): number {
  let hash = 0;
  for (const char of String(delegation ?? '')) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % SUGGESTION_TONES;
}

function suggestionAttributes() {
  return {
    id: suggestionAttribute('id', 100),
    delegation: suggestionAttribute('delegation', 64),
    author: suggestionAttribute('author', 64),
    at: suggestionAttribute('at', 40),
  };
}

/**
 * Words a delegation proposes to add (a suggestion of kind `insert`). One word belongs to one
 * insertion; typing at its edge does not extend it (suggest mode extends it on purpose).
 */
export const Insertion = Mark.create({
  name: 'insertion',
  inclusive: false,
  excludes: 'insertion',
  addAttributes: suggestionAttributes,
  parseHTML() {
    return [{ tag: 'ins[data-suggestion-id]' }];
  },
  renderHTML({ mark, HTMLAttributes }) {
    const tone = `suggestion--tone-${suggestionTone(mark.attrs.delegation)}`;
    return ['ins', mergeAttributes(HTMLAttributes, { class: `suggestion suggestion--insert ${tone}` })];
  },
});

/**
 * Words a delegation proposes to remove (a suggestion of kind `delete`): they stay in the text,
 * struck through, until the chair accepts. Several delegations may propose to remove the same
 * words, so deletions overlap (each is its own mark).
 */
export const Deletion = Mark.create({
  name: 'deletion',
  inclusive: false,
  excludes: '',
  addAttributes: suggestionAttributes,
  parseHTML() {
    return [{ tag: 'del[data-suggestion-id]' }];
  },
  renderHTML({ mark, HTMLAttributes }) {
    const tone = `suggestion--tone-${suggestionTone(mark.attrs.delegation)}`;
    return ['del', mergeAttributes(HTMLAttributes, { class: `suggestion suggestion--delete ${tone}` })];
  },
});
