import { romanNumeral } from '../../../shared/structure';
import type { ImportList } from '../ImportPreview';
import { attribute, child, childElements } from './docxPackage';

/** A paragraph's numbering reference: the list instance (`w:numId`) and the level in it (`w:ilvl`). */
export interface NumberingReference {
  numId: string;
  ilvl: number;
}

interface LevelDefinition {
  numFmt: string;
  lvlText: string;
  start: number;
}

interface StyleDefinition {
  name: string;
  basedOn: string | null;
  numbering: NumberingReference | null;
}

/** The `w:numPr` of a paragraph or style: null when there is none, `numId` "0" when it takes numbering away. */
export function numberingReference(properties: Element | null): NumberingReference | null {
  const numPr = properties ? child(properties, 'numPr') : null;
  const numId = attribute(numPr && child(numPr, 'numId'), 'val');
  if (!numPr || numId === null) return null;
  return { numId, ilvl: Number(attribute(child(numPr, 'ilvl'), 'val') ?? '0') || 0 };
}

/** The styles of a document by id: their names (to tell headings) and the numbering they give their paragraphs. */
export function readStyles(styles: Element | null): Map<string, StyleDefinition> {
  const byId = new Map<string, StyleDefinition>();
  for (const style of styles ? childElements(styles) : []) {
    const id = attribute(style, 'styleId');
    if (style.localName !== 'style' || id === null) continue;
    byId.set(id, {
      name: attribute(child(style, 'name'), 'val') ?? id,
      basedOn: attribute(child(style, 'basedOn'), 'val'),
      numbering: numberingReference(child(style, 'pPr')),
    });
  }
  return byId;
}

function readLevels(parent: Element): Map<number, LevelDefinition> {
  const levels = new Map<number, LevelDefinition>();
  for (const level of childElements(parent)) {
    if (level.localName !== 'lvl') continue;
    levels.set(Number(attribute(level, 'ilvl') ?? '0') || 0, {
      numFmt: attribute(child(level, 'numFmt'), 'val') ?? 'decimal',
      lvlText: attribute(child(level, 'lvlText'), 'val') ?? '',
      start: Number(attribute(child(level, 'start'), 'val') ?? '1') || 1,
    });
  }
  return levels;
}

const FORMATS: Record<string, ImportList['format']> = {
  decimal: 'decimal',
  decimalZero: 'decimal',
  lowerLetter: 'letter',
  lowerRoman: 'roman',
  upperLetter: 'upperLetter',
  upperRoman: 'upperRoman',
};

function formatNumber(value: number, numFmt: string): string {
  const letters = () => String.fromCharCode(97 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
  switch (numFmt) {
    case 'lowerLetter':
      return letters();
    case 'upperLetter':
      return letters().toUpperCase();
    case 'lowerRoman':
      return romanNumeral(value);
    case 'upperRoman':
      return romanNumeral(value).toUpperCase();
    case 'decimalZero':
      return String(value).padStart(2, '0');
    default:
      return String(value);
  }
}

/**
 * Word's automatic numbering as a reader sees it: for each numbered paragraph in order, the list it
 * belongs to, its level, the number format of that level (lowerLetter, lowerRoman …) and the
 * label Word shows ("(b)", "3."), counted as Word counts: per list, a level restarting under each
 * item of the level above, a list instance's start override taking effect where it is first used.
 */
export class DocxNumbering {
  private readonly abstracts = new Map<string, { levels: Map<number, LevelDefinition>; styleLink: string | null }>();
  private readonly instances = new Map<
    string,
    { abstractId: string; starts: Map<number, number>; levels: Map<number, LevelDefinition> }
  >();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly seenInstances = new Set<string>();

  constructor(
    numbering: Element | null,
    private readonly styles: Map<string, StyleDefinition>,
  ) {
    for (const element of numbering ? childElements(numbering) : []) {
      if (element.localName === 'abstractNum') {
        this.abstracts.set(attribute(element, 'abstractNumId') ?? '', {
          levels: readLevels(element),
          styleLink: attribute(child(element, 'numStyleLink'), 'val'),
        });
      } else if (element.localName === 'num') {
        const starts = new Map<number, number>();
        const levels = new Map<number, LevelDefinition>();
        for (const override of childElements(element).filter((e) => e.localName === 'lvlOverride')) {
          const ilvl = Number(attribute(override, 'ilvl') ?? '0') || 0;
          const start = attribute(child(override, 'startOverride'), 'val');
          if (start !== null) starts.set(ilvl, Number(start) || 1);
          for (const [at, level] of readLevels(override)) levels.set(at, level);
        }
        this.instances.set(attribute(element, 'numId') ?? '', {
          abstractId: attribute(child(element, 'abstractNumId'), 'val') ?? '',
          starts,
          levels,
        });
      }
    }
  }

  /** The numbering a paragraph has from its own properties or, failing those, from its style and the styles it is based on. */
  referenceOf(own: NumberingReference | null, styleId: string | null): NumberingReference | null {
    let reference = own;
    for (let style = styleId, hops = 0; !reference && style && hops < 10; hops++) {
      const definition = this.styles.get(style);
      reference = definition?.numbering ?? null;
      style = definition?.basedOn ?? null;
    }
    return reference && reference.numId !== '0' ? reference : null;
  }

  /** The abstract numbering a list instance uses, following a numbering style's link. */
  private abstractOf(numId: string): string | null {
    let abstractId = this.instances.get(numId)?.abstractId ?? null;
    for (let hops = 0; abstractId !== null && hops < 5; hops++) {
      const link = this.abstracts.get(abstractId)?.styleLink;
      if (!link) return abstractId;
      const linked = this.styles.get(link)?.numbering?.numId;
      abstractId = linked ? (this.instances.get(linked)?.abstractId ?? null) : null;
    }
    return abstractId;
  }

  /** Counts one numbered paragraph and says how Word numbers it; null when its numbering is not defined. */
  next(reference: NumberingReference): ImportList | null {
    const abstractId = this.abstractOf(reference.numId);
    const abstract = abstractId === null ? undefined : this.abstracts.get(abstractId);
    const instance = this.instances.get(reference.numId);
    if (abstractId === null || !abstract || !instance) return null;
    const levelOf = (ilvl: number) => instance.levels.get(ilvl) ?? abstract.levels.get(ilvl);
    const level = levelOf(reference.ilvl);
    if (!level) return null;
    const counts = this.counters.get(abstractId) ?? [];
    this.counters.set(abstractId, counts);
    if (!this.seenInstances.has(reference.numId)) {
      this.seenInstances.add(reference.numId);
      for (const [ilvl, start] of instance.starts) counts[ilvl] = start - 1;
    }
    counts[reference.ilvl] = (counts[reference.ilvl] ?? level.start - 1) + 1;
    counts.length = reference.ilvl + 1;
    const label = level.lvlText.replace(/%([1-9])/g, (_, digit: string) => {
      const at = Number(digit) - 1;
      const format = levelOf(at);
      return formatNumber(counts[at] ?? format?.start ?? 1, format?.numFmt ?? 'decimal');
    });
    return {
      level: reference.ilvl,
      ordered: level.numFmt !== 'bullet' && level.numFmt !== 'none',
      format: FORMATS[level.numFmt] ?? null,
      label: level.numFmt === 'bullet' ? '' : label.trim(),
      typed: false,
      listId: abstractId,
    };
  }
}
