/**
 * The names downloads are saved under, the same on the server (`Content-Disposition`) and in the
 * client (the links' `download` attribute): the draft's title as a slug, then which text, then
 * what the file is, so a folder of downloads reads as a list of what each file holds:
 * `framework-of-norms-Rev.2.pdf`, `framework-of-norms-live.docx`,
 * `framework-of-norms-Rev.1-to-live-redline.html`.
 */

/** The extension of each text export format's file ("akn" is Akoma Ntoso XML). */
export const EXPORT_EXTENSIONS = {
  json: 'json',
  md: 'md',
  html: 'html',
  akn: 'akn.xml',
  docx: 'docx',
  pdf: 'pdf',
} as const;

/** How a file names the live text, where a version gives its label. */
export const LIVE_FILE_LABEL = 'live';
/** The longest slug of a title kept in a name; a longer title is cut at a word. */
const MAX_TITLE_SLUG = 60;
/** The longest piece (a version label, a cycle's name) kept in a name. */
const MAX_PART = 40;
/** What stands for a title with no letter or digit to keep. */
const UNTITLED = 'draft';

/** Cuts a slug to `max` characters at a hyphen when there is one, never leaving a hyphen at an end. */
function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max + 1);
  const at = head.lastIndexOf('-');
  return (at > 0 ? head.slice(0, at) : slug.slice(0, max)).replace(/-+$/, '');
}

/** A title in lower case, its words joined by hyphens: letters and digits of any script, nothing else. */
function titleSlug(title: string): string {
  const slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return cut(slug, MAX_TITLE_SLUG) || UNTITLED;
}

/** A label as written ("Rev.2", "Zero draft" as "Zero-draft"): only what no file system refuses, spaces as hyphens. */
function partSlug(part: string): string {
  const slug = part
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}.+_-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cut(slug, MAX_PART);
}

/**
 * A name of a title's slug and the parts after it, with its extension ("md", "akn.xml"): the
 * review's downloads are `…-Review-2026-compilation.pdf`, `…-Review-2026-amendment-A3.akn.xml`.
 */
export function exportFileName(title: string, parts: readonly string[], extension: string): string {
  return `${[titleSlug(title), ...parts.map(partSlug).filter(Boolean)].join('-')}.${extension}`;
}

/** A version's text (its label) or the live text (null): `framework-of-norms-Rev.2.pdf`, `…-live.docx`. */
export function textFileName(title: string, versionLabel: string | null, extension: string): string {
  return exportFileName(title, [versionLabel ?? LIVE_FILE_LABEL], extension);
}

/** A redline between two texts, each a version's label or the live text (null): `…-Rev.1-to-live-redline.html`. */
export function redlineFileName(title: string, from: string | null, to: string | null, extension: string): string {
  return exportFileName(title, [from ?? LIVE_FILE_LABEL, 'to', to ?? LIVE_FILE_LABEL, 'redline'], extension);
}

/**
 * The same name in ASCII alone, for the `filename` that readers without RFC 6266 use: letters
 * stripped of their accents, anything else outside ASCII dropped.
 */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\x20-\x7e]+/g, '')
    .replace(/["\\]/g, '')
    .replace(/-{2,}/g, '-');
  // A title wholly outside ASCII leaves its parts alone: "-live.pdf" reads "draft-live.pdf".
  return /^[-.]/.test(ascii) || ascii === '' ? `${UNTITLED}${ascii}` : ascii;
}
