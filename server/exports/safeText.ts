/**
 * Characters no export should carry: the C0 controls other than tab, line feed and carriage
 * return, DEL and the C1 controls, the non-characters U+FFFE and U+FFFF, and unpaired
 * surrogates. XML 1.0 forbids most of them outright (a .docx or Akoma Ntoso file holding one
 * does not open), and no reader shows any of them as text.
 */
const CONTROL_CHARACTERS =
  // oxlint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether the text holds any of the characters no export may carry. */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(CONTROL_CHARACTERS.source).test(text);
}

/** The text without the characters no export may carry (see {@link CONTROL_CHARACTERS}); tab and line breaks stay. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** The text on one line: control characters dropped, each run of line breaks (and the spaces around it) one space. */
export function singleLine(text: string): string {
  return withoutControlCharacters(text).replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
}

/** Escapes text for HTML content and quoted attribute values, dropping the characters no export may carry. */
export function escapeHtml(text: string): string {
  return withoutControlCharacters(text).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/** What Markdown reads as formatting anywhere in a line (every ASCII punctuation may be backslash-escaped in CommonMark). */
const MARKDOWN_INLINE = /[\\`*_[\]{}<>|&~!#]/g;
/** What Markdown reads as the start of a block at the start of a line: a list item, a setext underline, a quote, a heading. */
const MARKDOWN_LINE_START = /^(\s*)([-+=>#]|\d+[.)])/;

function escapeMarkdownLine(line: string): string {
  return line
    .replace(MARKDOWN_INLINE, '\\$&')
    .replace(MARKDOWN_LINE_START, (_match, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
    );
}

/**
 * Escapes text for inline Markdown so it reads back as the same words and never as formatting,
 * links, raw HTML or a new block. A line break stays a line break in the file (a reader shows it
 * as a space, as Markdown wraps paragraphs); blank lines, which would end the paragraph, are dropped.
 */
export function escapeMarkdown(text: string): string {
  return withoutControlCharacters(text)
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(escapeMarkdownLine)
    .join('\n');
}
