import { romanNumeral } from '../../../shared/structure';

/** The ways points are labelled in instruments: (a) … (z), (aa); (i), (ii); (A), (B); (I), (II). */
export type LabelScheme = 'letter' | 'roman' | 'upperLetter' | 'upperRoman';

/** Every scheme, in the order a tie is settled when nothing else tells them apart. */
export const LABEL_SCHEMES: readonly LabelScheme[] = ['letter', 'roman', 'upperLetter', 'upperRoman'];

/** A label typed at the start of a line: "(a)", "b)", "(iv)", "(A)". */
export interface TypedLabel {
  /** As written: "(iv)", "b)". */
  written: string;
  /** The letters inside: "iv", "b". */
  value: string;
  /** The text after it. */
  rest: string;
}

const TYPED_LABEL = /^(\(?([A-Za-z]{1,5})\))(?:\s+(.*)|$)/;

/** The label a line opens with, if it reads as one in some scheme ("(see)" does not). */
export function typedLabel(text: string): TypedLabel | null {
  const match = TYPED_LABEL.exec(text);
  if (!match) return null;
  const value = match[2]!;
  if (!LABEL_SCHEMES.some((scheme) => labelIndex(value, scheme) !== null)) return null;
  return { written: match[1]!, value, rest: match[3] ?? '' };
}

/** A Markdown list marker that is a label ("a.", "(iv)", "b)"), as a typed label for the item's text; null for others. */
export function markerLabel(marker: string, rest: string): TypedLabel | null {
  const value = /^\(?([A-Za-z]{1,5})[.)]$/.exec(marker)?.[1];
  if (!value || !LABEL_SCHEMES.some((scheme) => labelIndex(value, scheme) !== null)) return null;
  return { written: marker, value, rest };
}

function letterIndex(value: string): number | null {
  if (!/^([a-z])\1*$/.test(value)) return null;
  return value.charCodeAt(0) - 97 + 26 * (value.length - 1);
}

const ROMAN_DIGITS: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

function romanIndex(value: string): number | null {
  if (!/^[ivxlcdm]+$/.test(value)) return null;
  let total = 0;
  for (let at = 0; at < value.length; at++) {
    const digit = ROMAN_DIGITS[value[at]!]!;
    const next = ROMAN_DIGITS[value[at + 1] ?? ''] ?? 0;
    total += digit < next ? -digit : digit;
  }
  // Only the canonical spelling counts: "iiii" and "vv" are not numerals.
  return total > 0 && romanNumeral(total) === value ? total - 1 : null;
}

/** The 0-based place of `value` in `scheme` ("c" is 2 as a letter, "iv" is 3 as a numeral), or null when it is not one. */
export function labelIndex(value: string, scheme: LabelScheme): number | null {
  switch (scheme) {
    case 'letter':
      return letterIndex(value);
    case 'roman':
      return romanIndex(value);
    case 'upperLetter':
      return value === value.toUpperCase() ? letterIndex(value.toLowerCase()) : null;
    case 'upperRoman':
      return value === value.toUpperCase() ? romanIndex(value.toLowerCase()) : null;
  }
}

/** The label value at `index` in `scheme`: the inverse of {@link labelIndex}. */
export function labelValue(scheme: LabelScheme, index: number): string {
  const letters = String.fromCharCode(97 + (index % 26)).repeat(Math.floor(index / 26) + 1);
  switch (scheme) {
    case 'letter':
      return letters;
    case 'roman':
      return romanNumeral(index + 1);
    case 'upperLetter':
      return letters.toUpperCase();
    case 'upperRoman':
      return romanNumeral(index + 1).toUpperCase();
  }
}

/** The level at which UN editorial style puts a scheme: (a) first, (i) second, (A) third. */
export function naturalLevel(scheme: LabelScheme | null): number {
  if (scheme === 'roman') return 2;
  if (scheme === 'upperLetter' || scheme === 'upperRoman') return 3;
  return 1;
}

/** Whether two labels name the same point whatever their punctuation: "a)" and "(a)" do, "(i)" and "(a)" do not. */
export function sameLabel(a: string, b: string): boolean {
  const bare = (label: string) => label.replace(/[^A-Za-z0-9]/g, '');
  return bare(a) === bare(b);
}
