import type { ILevelsOptions, ParagraphChild } from 'docx';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Tab,
  TextRun,
} from 'docx';

const FORMATS: Record<string, (typeof LevelFormat)[keyof typeof LevelFormat]> = {
  decimal: LevelFormat.DECIMAL,
  lowerLetter: LevelFormat.LOWER_LETTER,
  lowerRoman: LevelFormat.LOWER_ROMAN,
  upperLetter: LevelFormat.UPPER_LETTER,
  upperRoman: LevelFormat.UPPER_ROMAN,
  bullet: LevelFormat.BULLET,
};

/** `numbering points: lowerLetter (%1) | lowerRoman (%2)`: a Word list and the format and text of each level. */
const NUMBERING = /^numbering\s+(\w+):\s*(.+)$/;
/** `{points:1} text` or `{points:0!} text` (the list starts again): a paragraph Word numbers. */
const NUMBERED = /^\{(\w+):(\d)(!?)\}\s*(.*)$/;
const INLINE_NOTE = /\^\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;

function runs(text: string, footnotes: Record<number, { children: Paragraph[] }>): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  const words = (part: string) =>
    part.split('\\t').forEach((piece, index) => {
      if (index > 0) children.push(new TextRun({ children: [new Tab()] }));
      if (piece) children.push(new TextRun(piece));
    });
  let at = 0;
  for (const match of text.matchAll(INLINE_NOTE)) {
    words(text.slice(at, match.index));
    const id = Object.keys(footnotes).length + 1;
    footnotes[id] = { children: [new Paragraph(match[1]!)] };
    children.push(new FootnoteReferenceRun(id));
    at = match.index + match[0].length;
  }
  words(text.slice(at));
  return children;
}

/**
 * Writes a Word document with the `docx` library from a compact description, one paragraph a
 * line, so the corpus keeps readable sources and builds real .docx files at test time:
 * - `numbering <list>: <format> <text> | …` defines a Word list, one `format text` per level
 *   (decimal, lowerLetter, lowerRoman, upperLetter, upperRoman, bullet; text such as `(%2)`);
 * - `{<list>:<level>} text` is a paragraph Word numbers automatically at that level, `{<list>:<level>!}`
 *   one that starts its list again;
 * - `title: text` is in the Title style, `heading: text` in Heading 1;
 * - in any text, `\t` is a tab and `^[note]` a real Word footnote (`w:footnoteReference`);
 * - any other line is a plain paragraph, labels typed as they are; blank lines are skipped.
 */
export async function buildDocx(description: string): Promise<Uint8Array> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  const lists: { reference: string; levels: ILevelsOptions[] }[] = [];
  const paragraphs: Paragraph[] = [];
  for (const line of description.split('\n')) {
    if (!line.trim()) continue;
    const numbering = NUMBERING.exec(line);
    if (numbering) {
      lists.push({
        reference: numbering[1]!,
        levels: numbering[2]!.split('|').map((level, index) => {
          const [format = 'decimal', text = ''] = level.trim().split(/\s+/);
          return { level: index, format: FORMATS[format]!, text, alignment: AlignmentType.START };
        }),
      });
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      paragraphs.push(
        new Paragraph({
          numbering: { reference: numbered[1]!, level: Number(numbered[2]), ...(numbered[3] ? { restart: true } : {}) },
          children: runs(numbered[4]!, footnotes),
        }),
      );
      continue;
    }
    const styled = /^(title|heading):\s*(.*)$/.exec(line);
    paragraphs.push(
      new Paragraph({
        ...(styled ? { heading: styled[1] === 'title' ? HeadingLevel.TITLE : HeadingLevel.HEADING_1 } : {}),
        children: runs(styled ? styled[2]! : line, footnotes),
      }),
    );
  }
  const document = new Document({
    numbering: { config: lists },
    footnotes,
    sections: [{ children: paragraphs }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
