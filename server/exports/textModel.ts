import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { ClauseKind, ClauseStatus } from '../../shared/clauses';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline, OutlineClause, OutlineDivision } from '../../shared/outline';
import { inlineText, plainText } from '../../shared/outline';
import type { PillarKey } from '../../shared/pillars';
import type { Taxonomy } from '../../shared/pillars';
import { isProposedClause } from '../../shared/suggestions';
import type { DivisionLevel } from '../../shared/structure';
import type { TextSnapshot } from '../versions/VersionService';

/** A suggestion as a negotiation export shows it: what it proposes, and who proposed it when. */
export interface ExportChange {
  kind: 'insert' | 'delete';
  /** "Lena Varga (Republic of Valdoria)". */
  by: string;
  at: string;
}

/**
 * A piece of a block's text: words (in a negotiation export, words suggested for insertion or
 * deletion carry the suggestion), or a footnote's reference standing where the footnote stands.
 */
export type ExportInline = { kind: 'text'; text: string; change?: ExportChange } | { kind: 'footnote'; number: number };

/**
 * Which text an export shows: `clean`, the text as it stands (no suggestion marks; words only
 * suggested for insertion left out), or `negotiation`, everything open, attributed: suggestions
 * with who made them (`nameOf` turns a person's and a delegation's ids into "Name (Delegation)").
 */
export type ExportMode =
  | { kind: 'clean' }
  | {
      kind: 'negotiation';
      nameOf: (author: string, delegation: string) => string;
      /** The open brackets and alternatives, one line each with who holds or supports them ("OP6: [quickly] — held open by …"). */
      open: string[];
    };

const CLEAN: ExportMode = { kind: 'clean' };

/** The suggestion a text node carries, as a negotiation export shows it (the first, when deletions overlap). */
function changeOf(node: DocumentNodeJSON, mode: ExportMode): ExportChange | undefined {
  if (mode.kind !== 'negotiation' || node.type !== 'text') return undefined;
  const mark = node.marks?.find((candidate) => candidate.type === 'insertion' || candidate.type === 'deletion');
  if (!mark) return undefined;
  const attrs = mark.attrs ?? {};
  return {
    kind: mark.type === 'insertion' ? 'insert' : 'delete',
    by: mode.nameOf(String(attrs.author ?? ''), String(attrs.delegation ?? '')),
    at: String(attrs.at ?? ''),
  };
}

/**
 * One block of a clause as every export writes it: a paragraph of the clause itself (level 0),
 * or the own paragraph of a point at level 1 to 3. Points come in document order, each level
 * after the point that holds it, so a writer indents by `level` and never nests by hand.
 */
export interface ExportBlock {
  /** 0 for a paragraph of the clause, 1 for (a), 2 for (i), 3 for (A). */
  level: number;
  /**
   * The point's label, "(b)", "(ii)", "(A)", read from the outline (`pointLabel`); null for a
   * paragraph of the clause. (It keeps the name it had when points were one level of letters.)
   */
  letter: string | null;
  /** The point's reference, "OP1(b)(ii)"; null for a paragraph of the clause. */
  reference: string | null;
  /** The point's stable id; '' for a paragraph of the clause (or a point without one). */
  id: string;
  /** The words alone, without the footnotes. */
  text: string;
  /** The words with each footnote's reference where it stands. */
  content: ExportInline[];
}

/** A clause as every export writes it: number, blocks, pillars and status, all read from the shared model. */
export interface ExportClause {
  id: string;
  number: string;
  kind: ClauseKind;
  blocks: ExportBlock[];
  pillars: { key: PillarKey; label: string }[];
  status: ClauseStatus;
  statusLabel: string;
}

/** A heading of the operative part or of an annex: "Part I" or "Section A", and its title. */
export interface ExportDivision {
  id: string;
  level: DivisionLevel;
  number: string;
  title: string;
}

/** What the operative part and each annex hold, in order: headings and clauses. */
export type ExportEntry = { kind: 'division'; division: ExportDivision } | { kind: 'clause'; clause: ExportClause };

/** An annex: its label ("Annex", "Annex II"), its title and its own paragraphs (A1.1 …) under its headings. */
export interface ExportAnnex {
  id: string;
  label: string;
  title: string;
  entries: ExportEntry[];
}

/** A footnote, numbered across the whole draft in the order the outline reads them. */
export interface ExportFootnote {
  number: number;
  note: string;
  /** Where it stands: the clause or point reference ("OP1(b)"). */
  reference: string;
}

/** A text ready to be written in any format. */
export interface ExportText {
  title: string;
  label: string;
  at: string;
  /** The opening formula ("The General Assembly,"), '' when the draft has none. */
  formula: string;
  preamble: ExportClause[];
  /** Every operative clause in order, for writers that do not show the headings. */
  operative: ExportClause[];
  /** The operative part as written: its headings and clauses in order. */
  operativeEntries: ExportEntry[];
  annexes: ExportAnnex[];
  footnotes: ExportFootnote[];
  /** In a negotiation export, the open brackets and alternatives with who holds or supports them; empty otherwise. */
  open: string[];
  /** Not a published text (the live text, or a version not published): every format says so, see {@link DRAFT_MARKING}. */
  draft: boolean;
}

/** What every export of a text not published says under its title (and, paged, on every page). */
export const DRAFT_MARKING = 'DRAFT — not agreed';

/**
 * How every export marks an agreed clause after its number, "(Agreed)" or "(Agreed ad ref)",
 * with the labels the editor shows; null for an open clause, which carries no mark.
 */
export function statusMark(clause: ExportClause): string | null {
  return clause.status === 'open' ? null : `(${clause.statusLabel})`;
}

/** The heading of the list of open brackets and alternatives in a negotiation export. */
export const OPEN_MARKERS_HEADING = 'Open brackets and alternatives';

/** How a heading reads on one line in every export: "Part I — Civilian protection", or "Part I" when it has no title. */
export function divisionHeading(division: ExportDivision): string {
  return division.title ? `${division.number} — ${division.title}` : division.number;
}

/** Every clause of a list of entries, in order. */
export function clausesOf(entries: readonly ExportEntry[]): ExportClause[] {
  return entries.flatMap((entry) => (entry.kind === 'clause' ? [entry.clause] : []));
}

/**
 * Walks the document beside its outline: the outline lists clauses, divisions, points and
 * footnotes in document order, so each node met takes the next of its kind, with the number,
 * label or footnote number the outline gave it. Nothing is counted here.
 */
class OutlineCursor {
  private clause = 0;
  private division = 0;
  private footnote = 0;
  constructor(
    private readonly outline: Outline,
    readonly taxonomy: Taxonomy,
    readonly mode: ExportMode = CLEAN,
  ) {}

  nextClause(): OutlineClause | undefined {
    return this.outline.clauses[this.clause++];
  }
  nextDivision(): OutlineDivision | undefined {
    return this.outline.divisions[this.division++];
  }
  /** The content of a paragraph whose footnotes the outline counted, each footnote taking the next number. */
  inlineContent(paragraph: DocumentNodeJSON): ExportInline[] {
    const content: ExportInline[] = [];
    const options = new Map<unknown, number>();
    let words = '';
    for (const child of paragraph.content ?? []) {
      const change = changeOf(child, this.mode);
      if (change) {
        if (words) content.push({ kind: 'text', text: words });
        words = '';
        content.push({ kind: 'text', text: child.text ?? '', change });
        continue;
      }
      if (child.type !== 'footnote') {
        words += inlineText([child], options);
        continue;
      }
      if (words) content.push({ kind: 'text', text: words });
      words = '';
      const footnote = this.outline.footnotes[this.footnote++];
      if (footnote) content.push({ kind: 'footnote', number: footnote.number });
    }
    if (words) content.push({ kind: 'text', text: words });
    return content;
  }
}

function wordsOf(content: readonly ExportInline[]): string {
  return content.map((piece) => (piece.kind === 'text' && piece.change?.kind !== 'insert' ? piece.text : '')).join('');
}

function plainBlock(node: DocumentNodeJSON): ExportBlock {
  const text = plainText(node);
  return { level: 0, letter: null, reference: null, id: '', text, content: text ? [{ kind: 'text', text }] : [] };
}

/** The blocks of a clause, as the outline reads them: paragraphs of the clause, then points at every level in order. */
function blocksOf(node: DocumentNodeJSON, summary: OutlineClause, cursor: OutlineCursor): ExportBlock[] {
  const blocks: ExportBlock[] = [];
  let point = 0;
  const read = (children: readonly DocumentNodeJSON[], level: number): void => {
    for (const child of children) {
      if (child.type === 'paragraph' && level === 1) {
        const content = cursor.inlineContent(child);
        blocks.push({ level: 0, letter: null, reference: null, id: '', text: wordsOf(content), content });
        continue;
      }
      if (child.type !== 'subparagraph') {
        blocks.push(plainBlock(child));
        continue;
      }
      const outlinePoint = summary.points[point++];
      const [own, ...rest] = child.content ?? [];
      // The outline counts the footnotes of a point's first node whatever it is, so this does too.
      const content = own ? cursor.inlineContent(own) : [];
      blocks.push({
        level,
        letter: outlinePoint?.label ?? null,
        reference: outlinePoint?.reference ?? null,
        id: outlinePoint?.id ?? '',
        text: wordsOf(content),
        content,
      });
      read(rest, level + 1);
    }
  };
  read(node.content ?? [], 1);
  return blocks;
}

function exportClause(node: DocumentNodeJSON, cursor: OutlineCursor): ExportClause | null {
  const summary = cursor.nextClause();
  if (!summary) return null;
  const blocks = blocksOf(node, summary, cursor);
  // A paragraph only proposed is not in the text as it stands (its number, "OP3 bis", moved no other).
  if (cursor.mode.kind === 'clean' && isProposedClause(node)) return null;
  return {
    id: summary.id,
    number: summary.number,
    kind: summary.kind,
    blocks,
    pillars: summary.pillars.map((key) => ({ key, label: cursor.taxonomy.label(key) })),
    status: summary.status,
    statusLabel: CLAUSE_STATUS_LABELS[summary.status],
  };
}

/** The headings and clauses of the operative part or of an annex, as the outline reads them. */
function entriesOf(container: DocumentNodeJSON, cursor: OutlineCursor): ExportEntry[] {
  const entries: ExportEntry[] = [];
  for (const node of container.content ?? []) {
    if (node.type === 'division') {
      const division = cursor.nextDivision();
      if (division)
        entries.push({
          kind: 'division',
          division: { id: division.id, level: division.level, number: division.number, title: division.title },
        });
    } else if (node.type === 'clause') {
      const clause = exportClause(node, cursor);
      if (clause) entries.push({ kind: 'clause', clause });
    }
  }
  return entries;
}

/**
 * The text of a snapshot in the form every export writes: the title and opening formula, the
 * preamble, the operative part with its headings, the annexes, and the footnotes numbered across
 * the draft. Numbers, labels and footnote numbers are those of the snapshot's outline (the shared
 * functions the editor and the outline API use), so no export can disagree with them.
 */
export function exportText(snapshot: TextSnapshot, mode: ExportMode = CLEAN): ExportText {
  const { outline, document } = snapshot;
  const cursor = new OutlineCursor(outline, snapshot.taxonomy, mode);
  const text: ExportText = {
    title: outline.title,
    label: snapshot.label,
    at: snapshot.at,
    formula: outline.formula,
    preamble: [],
    operative: [],
    operativeEntries: [],
    annexes: [],
    footnotes: outline.footnotes.map(({ number, note, reference }) => ({ number, note, reference })),
    open: mode.kind === 'negotiation' ? mode.open : [],
    draft: !snapshot.version?.publishedAt,
  };
  for (const node of document.content ?? []) {
    if (node.type === 'preamble') text.preamble = preambleOf(node, cursor);
    else if (node.type === 'operative') {
      text.operativeEntries = entriesOf(node, cursor);
      text.operative = clausesOf(text.operativeEntries);
    } else if (node.type === 'annex') {
      const annex = outline.annexes[text.annexes.length];
      text.annexes.push({
        id: annex?.id ?? '',
        label: annex?.label ?? '',
        title: annex?.title ?? '',
        entries: entriesOf(node, cursor),
      });
    }
  }
  return text;
}

/** The clauses of the preamble: the outline reads no heading there, so none takes a division's number. */
function preambleOf(section: DocumentNodeJSON, cursor: OutlineCursor): ExportClause[] {
  return (section.content ?? []).flatMap((node) => (node.type === 'clause' ? (exportClause(node, cursor) ?? []) : []));
}
