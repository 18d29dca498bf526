import { isFrozenNumbering } from '../numbering';

/**
 * The attribute checks ProseMirror runs when it builds a node (and the server runs on every
 * change): a bad value throws a RangeError naming the attribute.
 */

/** What an id of a clause, point, division or annex may look like: the server's ids are `c_` and 12 letters or digits. */
export const CLAUSE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export function invalid(attribute: string, expected: string): never {
  throw new RangeError(`the attribute "${attribute}" must be ${expected}`);
}

export function validateId(value: unknown): void {
  if (value !== null && (typeof value !== 'string' || !CLAUSE_ID_PATTERN.test(value))) {
    invalid('id', 'a short id of letters, digits, "_", ".", ":" or "-"');
  }
}

export function optionalText(attribute: string, maxLength: number): (value: unknown) => void {
  return (value) => {
    if (value !== null && (typeof value !== 'string' || value.length > maxLength)) {
      invalid(attribute, `a text of at most ${maxLength} characters`);
    }
  };
}

/** The `id` attribute every identified node has, kept in HTML as `data-<name>-id`. */
export function idAttribute(name: string) {
  return {
    default: null,
    validate: validateId,
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}-id`),
    renderHTML: (attributes: Record<string, unknown>) =>
      typeof attributes.id === 'string' && attributes.id ? { [`data-${name}-id`]: attributes.id } : {},
  };
}

/**
 * The frozen numbering of a container (preamble, operative part, annex): see `shared/numbering.ts`.
 * Written only by the server, for the chair; never in the HTML.
 */
export function numberingAttribute() {
  return {
    default: null,
    validate: (value: unknown) => {
      if (value !== null && !isFrozenNumbering(value)) invalid('numbering', 'a frozen numbering or null');
    },
    parseHTML: () => null,
    renderHTML: () => ({}),
  };
}
