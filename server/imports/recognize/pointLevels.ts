import { MAX_POINT_LEVELS } from '../../../shared/limits';
import type { LabelScheme, TypedLabel } from './labels';
import { LABEL_SCHEMES, labelIndex, labelValue } from './labels';
import { withoutTrailingNotes } from './wording';

/** Where a point goes, and why that is a guess when it is one. */
export interface Placement {
  level: number;
  /** Set when the level or the sequence is uncertain: a sentence the recognizer puts after the point's reference. */
  doubt: string | null;
}

interface OpenLevel {
  /** The scheme its labels follow, or null when the file numbers it without labels (a bullet). */
  scheme: LabelScheme | null;
  index: number;
  /** Its last label as the file writes it ("(h)"), for the sentences of doubts. */
  written: string;
}

interface Candidate {
  level: number;
  scheme: LabelScheme;
  index: number;
  /** Opens a level below the deepest open one, rather than continuing an open level. */
  opens: boolean;
}

/** Whether a text ends with a colon (footnotes after it aside): what comes next is a list within it. */
export function endsWithColon(text: string): boolean {
  return /:\s*$/.test(withoutTrailingNotes(text));
}

/**
 * The levels of the points of one clause, decided point by point as the file is read. A typed
 * label continues an open level when it is the next label of that level's scheme ("(c)" after
 * "(b)"; returning to "(c)" closes the levels below), and opens a level below when it is the
 * first of a scheme ("(i)", "(A)"). When both readings fit ("(i)" after "(h)"), the labels that
 * follow settle it ("(ii)" next: a new level; "(j)" next: a letter); when they do not, a colon at
 * the end of the point before opens a level, its absence continues, and only a colon contradicted
 * by what follows, or left without confirmation, is reported as a doubt. Structural nesting (Word
 * list levels, Markdown indentation) places points directly.
 */
export class PointLevels {
  private readonly open: OpenLevel[] = [];
  private colon: boolean;
  /** A further paragraph came after the last point: the next point is at the first level, as a paragraph holds none. */
  private afterParagraph = false;
  private readonly depths = new Set<number>();

  constructor(clauseText: string) {
    this.colon = endsWithColon(clauseText);
  }

  /** How many levels of points are open: the level of the last point, or 0 (1 after a paragraph that followed points). */
  get depth(): number {
    return this.open.length;
  }

  /** A further paragraph of the clause: the points below the first level close (a paragraph holds none). */
  paragraph(text: string): void {
    this.open.length = Math.min(this.open.length, 1);
    this.afterParagraph = true;
    this.colon = endsWithColon(text);
  }

  /** The deepest level a point can open at now. */
  private get openable(): number {
    return this.afterParagraph ? 1 : Math.min(this.open.length + 1, MAX_POINT_LEVELS);
  }

  /** The last block now ends as `text` does (a line was joined to it). */
  lastTextIs(text: string): void {
    this.colon = endsWithColon(text);
  }

  /**
   * Places a point with a typed label. `following` yields the label values of the points after it
   * in the same clause; `structural` the level its indentation gives it, if the file nests lists.
   */
  typed(label: TypedLabel, following: Iterable<string>, structural: number | null): Placement {
    if (structural !== null) this.depths.add(structural);
    let candidates = this.candidates(label.value);
    if (structural !== null && this.depths.size > 1) {
      const nested = candidates.filter((candidate) => candidate.level === structural);
      if (nested.length > 0) candidates = nested;
    }
    if (candidates.length === 0) return this.outOfSequence(label);
    const { chosen, doubt } =
      candidates.length === 1 ? { chosen: candidates[0]!, doubt: null } : this.choose(label, candidates, following);
    this.enter(chosen.level, chosen.scheme, chosen.index, label.written, label.rest);
    return { level: chosen.level, doubt };
  }

  /** Places a point whose level the file's structure gives (Word list level, Markdown indentation); `written` is its label in the file. */
  listed(level: number, scheme: LabelScheme | null, written: string, text: string): Placement {
    const placed = Math.max(1, Math.min(level, this.openable));
    const same = this.open[placed - 1];
    const index = same && same.scheme === scheme ? same.index + 1 : 0;
    this.enter(placed, scheme, index, written, text);
    return {
      level: placed,
      doubt:
        level > MAX_POINT_LEVELS
          ? `is nested ${level} levels deep in the file; points go ${MAX_POINT_LEVELS} deep, so it was kept at the third level.`
          : null,
    };
  }

  private enter(level: number, scheme: LabelScheme | null, index: number, written: string, text: string): void {
    this.open.length = level - 1;
    this.open.push({ scheme, index, written });
    this.afterParagraph = false;
    this.colon = endsWithColon(text);
  }

  private candidates(value: string): Candidate[] {
    const found: Candidate[] = [];
    this.open.forEach((level, at) => {
      if (level.scheme !== null && labelIndex(value, level.scheme) === level.index + 1)
        found.push({ level: at + 1, scheme: level.scheme, index: level.index + 1, opens: false });
    });
    if (this.open.length < this.openable) {
      for (const scheme of LABEL_SCHEMES) {
        if (labelIndex(value, scheme) === 0) found.push({ level: this.open.length + 1, scheme, index: 0, opens: true });
      }
    }
    return found;
  }

  private choose(
    label: TypedLabel,
    candidates: Candidate[],
    following: Iterable<string>,
  ): { chosen: Candidate; doubt: string | null } {
    const opener = candidates.find((candidate) => candidate.opens);
    const continuing = candidates.filter((candidate) => !candidate.opens).sort((a, b) => b.level - a.level);
    const before = this.open[this.open.length - 1]?.written ?? '';
    for (const next of following) {
      const confirmed = candidates.find((candidate) => labelIndex(next, candidate.scheme) === candidate.index + 1);
      if (!confirmed) continue;
      const contradicted = !confirmed.opens && opener !== undefined && this.colon;
      return {
        chosen: confirmed,
        doubt: contradicted
          ? `“${label.written}” follows “${before}”, which ends with a colon, but the point after it is “(${next})”: ` +
            `read as the point after “${this.open[confirmed.level - 1]!.written}”; it may open a new level.`
          : null,
      };
    }
    if (opener && this.colon) {
      return {
        chosen: opener,
        doubt:
          `“${label.written}” follows “${before}”, which ends with a colon: read as the first point of a new level; ` +
          `it may be the point after “${this.open[continuing[0]!.level - 1]!.written}”.`,
      };
    }
    const chosen = continuing[0]!;
    const others = continuing.slice(1).map((candidate) => `“${this.open[candidate.level - 1]!.written}”`);
    return {
      chosen,
      doubt:
        others.length > 0
          ? `“${label.written}” could follow “${this.open[chosen.level - 1]!.written}” or ${others.join(' or ')}: ` +
            `read as the point after “${this.open[chosen.level - 1]!.written}”.`
          : null,
    };
  }

  /** A label that neither continues an open level nor starts a new one: the file skips a label, or uses its own order. */
  private outOfSequence(label: TypedLabel): Placement {
    const first = LABEL_SCHEMES.find((scheme) => labelIndex(label.value, scheme) === 0);
    if (first && this.open.length >= MAX_POINT_LEVELS) {
      const deepest = this.open[MAX_POINT_LEVELS - 1]!;
      this.enter(MAX_POINT_LEVELS, deepest.scheme, deepest.index + 1, label.written, label.rest);
      return {
        level: MAX_POINT_LEVELS,
        doubt: `“${label.written}” opens a fourth level; points go ${MAX_POINT_LEVELS} deep, so it was kept at the third level.`,
      };
    }
    for (let at = this.open.length - 1; at >= 0; at--) {
      const level = this.open[at]!;
      const index = level.scheme === null ? null : labelIndex(label.value, level.scheme);
      if (level.scheme === null || index === null) continue;
      const expected = labelValue(level.scheme, level.index + 1);
      this.enter(at + 1, level.scheme, index, label.written, label.rest);
      return {
        level: at + 1,
        doubt: `“${label.written}” follows “${level.written}” where “(${expected})” was expected: a point may be missing.`,
      };
    }
    const scheme = [...LABEL_SCHEMES]
      .filter((s) => labelIndex(label.value, s) !== null)
      .sort((a, b) => labelIndex(label.value, a)! - labelIndex(label.value, b)!)[0]!;
    const level = Math.min(this.open.length + 1, this.openable);
    this.enter(level, scheme, labelIndex(label.value, scheme)!, label.written, label.rest);
    return {
      level,
      doubt: `“${label.written}” starts a list of points where “(${labelValue(scheme, 0)})” was expected: a point may be missing.`,
    };
  }
}
