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
  return escapeMarkdownInline(line).replace(MARKDOWN_LINE_START, (_match, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  );
}

function escapeMarkdownInline(text: string): string {
  return text.replace(MARKDOWN_INLINE, '\\$&');
}

/** Markdown an export writes itself among escaped words, such as a footnote reference `[^1]`: kept as it is. */
export interface MarkdownMarkup {
  markup: string;
}

type MarkdownPiece = string | MarkdownMarkup;

/** One line of pieces, without the white space at its ends, escaped; '' when nothing is left. */
function escapeMarkdownPiecesLine(line: readonly MarkdownPiece[]): string {
  const pieces = [...line];
  while (typeof pieces[0] === 'string' && !pieces[0].trim()) pieces.shift();
  while (typeof pieces.at(-1) === 'string' && !(pieces.at(-1) as string).trim()) pieces.pop();
  if (pieces.length === 0) return '';
  if (typeof pieces[0] === 'string') pieces[0] = pieces[0].trimStart();
  const last = pieces.length - 1;
  if (typeof pieces[last] === 'string') pieces[last] = pieces[last].trimEnd();
  return pieces
    .map((piece, index) => {
      if (typeof piece !== 'string') return piece.markup;
      if (index === 0) return escapeMarkdownLine(piece);
      // "[^1]:" at the start of a line would define a footnote rather than refer to one.
      const escaped = escapeMarkdownInline(piece);
      return index === 1 && typeof pieces[0] !== 'string' && escaped.startsWith(':') ? `\\${escaped}` : escaped;
    })
    .join('');
}

/**
 * Escapes text for inline Markdown as {@link escapeMarkdown} does, with pieces of markup the
 * export writes itself (a footnote reference) kept as they are where they stand among the words.
 */
export function escapeMarkdownPieces(pieces: readonly MarkdownPiece[]): string {
  const lines: MarkdownPiece[][] = [[]];
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      lines.at(-1)!.push(piece);
      continue;
    }
    withoutControlCharacters(piece)
      .split(/\r\n?|\n/)
      .forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part) lines.at(-1)!.push(part);
      });
  }
  return lines.map(escapeMarkdownPiecesLine).filter(Boolean).join('\n');
}

/**
 * Escapes text for inline Markdown so it reads back as the same words and never as formatting,
 * links, raw HTML or a new block. A line break stays a line break in the file (a reader shows it
 * as a space, as Markdown wraps paragraphs); blank lines, which would end the paragraph, are dropped.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownPieces([text]);
}
