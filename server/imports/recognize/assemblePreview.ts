import type { ClauseKind } from '../../../shared/clauses';
import type {
  ImportedBlock,
  ImportedClause,
  ImportedEntry,
  ImportedKindReason,
  ImportPreview,
} from '../../../shared/importPreview';
import { numberPreview } from '../../../shared/importPreview';
import { MAX_TITLE_LENGTH } from '../../../shared/limits';
import { pointReference } from '../../../shared/structure';
import { ApiError } from '../../errors';
import { checkImportLimits } from './checkImportLimits';
import { sameLabel } from './labels';
import type { PendingClause, PendingDraft, PendingEntry } from './pending';
import { endsWithComma, opensLikePreamble } from './wording';

/** A block on its way into the preview, still carrying why its level is a guess. */
type DoubtfulBlock = ImportedBlock & { doubt?: string };

const INLINE_NOTE = /\^\[(?:[^[\]]|\[[^[\]]*\])*\]/g;

function quoteShort(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

function kindOf(clause: PendingClause): { kind: ClauseKind; reason: ImportedKindReason } {
  if (clause.numberedKind && clause.numberedKind !== 'annex') return { kind: clause.numberedKind, reason: 'numbering' };
  if (clause.section && clause.section !== 'annex') return { kind: clause.section, reason: 'heading' };
  const last = clause.blocks.length ? clause.blocks[clause.blocks.length - 1]!.text : clause.text;
  return {
    kind: opensLikePreamble(clause.text) || endsWithComma(last) ? 'preambular' : 'operative',
    reason: 'wording',
  };
}

function importedClause(clause: PendingClause, reason: ImportedKindReason): ImportedClause {
  return {
    type: 'clause',
    number: '',
    sourceNumber: clause.sourceNumber,
    text: clause.text,
    blocks: clause.blocks.map((block): DoubtfulBlock => ({
      level: block.level,
      label: null,
      sourceLabel: block.written,
      text: block.text,
      ...(block.doubt !== null ? { unsure: true, doubt: block.doubt } : {}),
    })),
    pillars: clause.pillars,
    kindFrom: reason,
  };
}

function importedEntry(entry: PendingEntry, reason: ImportedKindReason): ImportedEntry {
  if (entry.type === 'clause') return importedClause(entry, reason);
  return { type: 'division', level: entry.level, number: '', sourceNumber: entry.sourceNumber, text: entry.text };
}

/** Footnotes can stand only in paragraphs: in a title, formula or heading they are left out, and the preview says so. */
function withoutNotes(text: string, where: string, warnings: string[]): string {
  const notes = text.match(INLINE_NOTE);
  if (!notes) return text;
  warnings.push(
    `${notes.length === 1 ? 'A footnote' : `${notes.length} footnotes`} in ${where} cannot be kept there and ${notes.length === 1 ? 'was' : 'were'} left out.`,
  );
  return text.replace(INLINE_NOTE, '').trim();
}

/**
 * Keeps the file's label only where it is not Accord's, and turns each doubt into a warning that
 * names the point by the reference it will have ("OP3(h)(i)").
 */
function settleLabels(entries: ImportedEntry[], warnings: string[]): ImportedEntry[] {
  return entries.map((entry) => {
    if (entry.type !== 'clause') return entry;
    const path: string[] = [];
    const blocks = entry.blocks.map((block: DoubtfulBlock): ImportedBlock => {
      const { doubt, ...rest } = block;
      if (block.label !== null) {
        path.length = block.level - 1;
        path.push(block.label);
      }
      if (doubt) warnings.push(`${pointReference(entry.number, path)}: ${doubt}`);
      const sourceLabel =
        block.label !== null && block.sourceLabel !== null && !sameLabel(block.sourceLabel, block.label)
          ? block.sourceLabel
          : null;
      return { ...rest, sourceLabel };
    });
    return { ...entry, blocks };
  });
}

function noClauses(): ApiError {
  return new ApiError(
    422,
    'no_clauses',
    'No numbered paragraphs were found in the file. Number the paragraphs ("1.", "PP1", "OP1", ' +
      '"Article 1") or start preambular ones with their customary words ("Recalling …,"), then ' +
      'import it again.',
  );
}

/**
 * Turns what was read from a file into the preview: decides each clause's kind (by its number, a
 * heading, or its wording), puts preambular paragraphs before operative ones, numbers and labels
 * everything as Accord will, and words the warnings: lines left out, clauses out of order, and
 * points whose level is a guess, each named by its reference. Checks the import limits.
 */
export function assemblePreview(draft: PendingDraft, options: { fallbackTitle: string }): ImportPreview {
  const warnings = [...draft.warnings];
  const clauses = [...draft.main, ...draft.annexes.flatMap((annex) => annex.entries)].filter(
    (entry): entry is PendingClause => entry.type === 'clause',
  );
  if (clauses.length === 0) throw noClauses();
  checkImportLimits(clauses);
  if (draft.leftOut.length > 0) {
    const { length } = draft.leftOut;
    const sample = draft.leftOut.slice(0, 3).map(quoteShort).join(', ');
    warnings.push(
      `${length} line${length === 1 ? ' is' : 's are'} not part of a numbered paragraph ` +
        `and ${length === 1 ? 'was' : 'were'} left out: ${sample}${length > 3 ? ' …' : ''}.`,
    );
  }

  const preamble: ImportedClause[] = [];
  const operative: ImportedEntry[] = [];
  let operativeSeen = false;
  const heading = (entry: PendingEntry): PendingEntry =>
    entry.type === 'division'
      ? { ...entry, text: withoutNotes(entry.text, `the heading ${quoteShort(entry.text)}`, warnings) }
      : entry;
  for (const entry of draft.main) {
    if (entry.type === 'division') {
      operative.push(importedEntry(heading(entry), 'heading'));
      continue;
    }
    const { kind, reason } = kindOf(entry);
    const label = entry.sourceNumber ?? quoteShort(entry.text);
    if (kind === 'preambular' && operativeSeen)
      warnings.push(
        `Paragraph ${label} reads as preambular but comes after operative paragraphs; it was put at the end of the preamble.`,
      );
    if (kind === 'operative') operativeSeen = true;
    if (!entry.text && entry.blocks.length === 0) warnings.push(`Paragraph ${label} has no text.`);
    if (kind === 'preambular') preamble.push(importedClause(entry, reason));
    else operative.push(importedClause(entry, reason));
  }
  if (preamble.length === 0)
    warnings.push('No preambular paragraphs were recognised: the draft will start with an empty preamble.');
  if (!operative.some((entry) => entry.type === 'clause'))
    warnings.push('No operative paragraphs were recognised: the draft will start with an empty operative part.');

  let title = withoutNotes(draft.title, 'the title', warnings) || options.fallbackTitle;
  title = title.slice(0, MAX_TITLE_LENGTH).trim() || 'Imported draft';
  const numbered = numberPreview({
    title,
    formula: draft.formula === null ? null : withoutNotes(draft.formula, 'the opening formula', warnings),
    preamble,
    operative,
    annexes: draft.annexes.map((annex) => ({
      label: '',
      sourceLabel: annex.sourceNumber,
      title: withoutNotes(annex.title, `the title of ${annex.sourceNumber}`, warnings),
      entries: annex.entries.map((entry) => importedEntry(heading(entry), 'heading')),
    })),
    warnings: [],
    pillars: [],
  });
  const doubts: string[] = [];
  const settled: ImportPreview = {
    ...numbered,
    preamble: settleLabels(numbered.preamble, doubts) as ImportedClause[],
    operative: settleLabels(numbered.operative, doubts),
    annexes: numbered.annexes.map((annex) => ({
      ...annex,
      sourceLabel:
        annex.sourceLabel !== null && annex.sourceLabel.toLowerCase() !== annex.label.toLowerCase()
          ? annex.sourceLabel
          : null,
      entries: settleLabels(annex.entries, doubts),
    })),
  };
  return { ...settled, warnings: [...warnings, ...doubts] };
}
