import type { ImportLine } from './ImportPreview';

const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)\s*$/;
const RULE = /^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const FENCE = /^(?:```|~~~)/;
const BULLET = /^[-*+]\s+/;
const QUOTE = /^>\s?/;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
/** A line that starts a new paragraph of its own even without a blank line before it. */
const STARTS_ITEM =
  /^(?:\d{1,3}[.)]\s|\(\d{1,3}\)|\(?[a-z]{1,4}\)\s|(?:PP|OP)\s?\d|(?:Article|Art\.|Paragraph|Para\.?)\s+\w|pillars?\s*:)/i;

/**
 * The plain text of a line of Markdown: links and images as their text, code spans as their
 * content, emphasis and strike-through marks and backslash escapes removed. Only what can
 * appear inside one paragraph of a draft is handled: a clause is plain text.
 */
export function markdownInlineText(line: string): string {
  return (
    line
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(?<!\\)\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/(?<!\\)`([^`]*)(?<!\\)`/g, '$1')
      .replace(/(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(?<![\\\w*])\*(?=\S)(.+?)(?<=[^\s\\])\*(?![\w*])/g, '$1')
      .replace(/(?<![\\\w])_(?=\S)(.+?)(?<=[^\s\\])_(?!\w)/g, '$1')
      .replace(/(?<!\\)~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
      // CommonMark: a backslash before any ASCII punctuation is an escape.
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
  );
}

/**
 * Reads a Markdown or plain-text file as lines for the clause recognizer. Markdown is read line
 * by line rather than through a Markdown parser because the numbering must survive as written
 * ("1.", "**PP1.**", "(a)"): a parser turns ordered lists into items without their numbers and
 * four-space indented "(a)" lines (as Accord's own export writes them) into code. In Markdown a
 * line that continues the one before (no blank line between, no new number or letter) is joined
 * to it, as Markdown wraps paragraphs; in plain text every line is a paragraph.
 */
export function readTextLines(source: string, format: 'markdown' | 'text'): ImportLine[] {
  const raw = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  if (format === 'text')
    return raw.map((text) => ({ text: text.trim(), list: null, heading: false })).filter((line) => line.text);

  const lines: ImportLine[] = [];
  let inFence = false;
  let joinable = false;
  for (const rawLine of raw) {
    let text = rawLine.trim();
    if (FENCE.test(text)) {
      inFence = !inFence;
      joinable = false;
      continue;
    }
    if (!text) {
      joinable = false;
      continue;
    }
    if (inFence) {
      lines.push({ text, list: null, heading: false });
      continue;
    }
    const previous = lines[lines.length - 1];
    if (joinable && previous && SETEXT_UNDERLINE.test(text)) {
      previous.heading = true;
      joinable = false;
      continue;
    }
    if (RULE.test(text) || TABLE_SEPARATOR.test(text)) {
      joinable = false;
      continue;
    }
    while (QUOTE.test(text)) text = text.replace(QUOTE, '');
    const heading = HEADING.exec(text);
    if (heading) {
      lines.push({ text: markdownInlineText(heading[1] ?? ''), list: null, heading: true });
      joinable = false;
      continue;
    }
    const bullet = BULLET.test(text);
    if (bullet) text = text.replace(BULLET, '');
    if (text.startsWith('|'))
      text = text
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim())
        .join(' ');
    text = markdownInlineText(text);
    if (joinable && previous && !bullet && !STARTS_ITEM.test(text)) {
      previous.text = `${previous.text} ${text}`;
      continue;
    }
    lines.push({ text, list: null, heading: false });
    joinable = true;
  }
  return lines;
}
