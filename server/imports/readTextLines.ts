import type { ImportLine, ImportList, ReadLines } from './ImportPreview';
import { LABEL_SCHEMES, labelIndex } from './recognize/labels';
import { footnoteWarnings, placeFootnotes, takeFootnoteDefinitions } from './text/markdownNotes';
import { placeTextNotes } from './text/textNotes';

const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)\s*$/;
const RULE = /^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const FENCE = /^(?:```|~~~)/;
/** A list item's marker and the spaces after it: a bullet, "1." / "1)", or a label ("a.", "(iv)", "b)"). */
const LIST_ITEM = /^([-*+]|\d{1,3}[.)]|[a-z]{1,5}\.|\(?[A-Za-z]{1,5}\))(\s+)(?=\S)/;
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

/** The list marker a Markdown line opens with, if it is one: bullets, numbers, and labels that read as labels. */
function listMarker(text: string): { marker: string; width: number } | null {
  const match = LIST_ITEM.exec(text);
  if (!match) return null;
  const marker = match[1]!;
  const letters = /[A-Za-z]+/.exec(marker)?.[0];
  if (letters && !LABEL_SCHEMES.some((scheme) => labelIndex(letters, scheme) !== null)) return null;
  // More than four spaces after a marker belong to the item's text (CommonMark).
  return { marker, width: marker.length + (match[2]!.length > 4 ? 1 : match[2]!.length) };
}

function indentOf(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === ' ') width += 1;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

function listOf(marker: string, depth: number): ImportList {
  const bullet = /^[-*+]$/.test(marker);
  return {
    level: depth,
    ordered: !bullet,
    format: /^\d/.test(marker) ? 'decimal' : null,
    label: marker,
    typed: true,
    listId: '',
  };
}

function readPlainText(raw: readonly string[]): ReadLines {
  const { lines, warnings } = placeTextNotes(raw);
  return {
    lines: lines.map((text) => ({ text: text.trim(), list: null, heading: false })).filter((line) => line.text),
    warnings,
  };
}

/**
 * Reads a Markdown or plain-text file as lines for the clause recognizer. Markdown is read line
 * by line rather than through a Markdown parser because the numbering must survive as written
 * ("1.", "**PP1.**", "(a)"): a parser turns ordered lists into items without their numbers and
 * four-space indented "(a)" lines (as Accord's own export writes them) into code. In Markdown a
 * line that continues the one before (no blank line between, no new number or letter) is joined
 * to it, as Markdown wraps paragraphs; list items carry how deep their indentation nests them;
 * footnotes (`[^1]` with `[^1]: note`, and inline `^[note]`) are written in where they stand. In
 * plain text every line is a paragraph, and a trailing "Notes" block is placed when its
 * references are unambiguous.
 */
export function readTextLines(source: string, format: 'markdown' | 'text'): ReadLines {
  const raw = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  if (format === 'text') return readPlainText(raw);

  const { lines: body, notes } = takeFootnoteDefinitions(raw, markdownInlineText);
  const used = new Set<string>();
  const warnings: string[] = [];
  const lines: ImportLine[] = [];
  /** The content columns of the list items the next lines may nest in, outermost first. */
  const items: number[] = [];
  let inFence = false;
  let joinable = false;
  for (const rawLine of body) {
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
      lines.push({
        text: markdownInlineText(placeFootnotes(heading[1] ?? '', notes, used, warnings)),
        list: null,
        heading: true,
      });
      items.length = 0;
      joinable = false;
      continue;
    }
    const indent = indentOf(rawLine);
    const item = listMarker(text);
    if (item || !joinable) while (items.length > 0 && indent < items[items.length - 1]!) items.pop();
    let list: ImportList | null = null;
    if (item) {
      list = listOf(item.marker, items.length);
      items.push(indent + item.width);
      text = text.slice(item.marker.length).trim();
    }
    if (text.startsWith('|'))
      text = text
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim())
        .join(' ');
    text = markdownInlineText(placeFootnotes(text, notes, used, warnings));
    if (joinable && previous && !list && !STARTS_ITEM.test(text)) {
      previous.text = `${previous.text} ${text}`;
      continue;
    }
    lines.push({ text, list, heading: false });
    joinable = true;
  }
  return { lines, warnings: [...warnings, ...footnoteWarnings(body, notes, used)] };
}
