import type { ImportedClause, ImportedEntry, ImportPreview } from '../../shared/importPreview';
import type { Pillar } from '../../shared/pillars';
import {
  CYBER_PILLARS,
  MAX_PILLARS_PER_DRAFT,
  PILLAR_KEY_PATTERN,
  PILLAR_LIMITS,
  PILLAR_PALETTE,
  pillarKeyFor,
  shortFor,
} from '../../shared/pillars';

/**
 * The pillars an imported file names, and its clauses tagged with their keys. Readers leave on
 * each clause the names (or keys) the file gives; each is matched, ignoring case, to a pillar the
 * file declares (Akoma Ntoso's classification), one already found, or one of a template's
 * (the cyber framework's); any other becomes a new pillar of the draft. So a file on undersea
 * cables brings its own pillars, and a file Accord exported brings back the ones it had.
 */
export function namePillars(preview: ImportPreview, declared: readonly Pillar[] = []): ImportPreview {
  const found: Pillar[] = [];
  const warnings = [...preview.warnings];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const keyOf = (name: string): string | null => {
    const matches = (pillar: Pillar) => same(pillar.key, name) || same(pillar.label, name);
    const existing = found.find(matches);
    if (existing) return existing.key;
    if (found.length >= MAX_PILLARS_PER_DRAFT) {
      warnings.push(`A draft has at most ${MAX_PILLARS_PER_DRAFT} pillars; the tag “${name}” was left out.`);
      return null;
    }
    const known = [...declared, ...CYBER_PILLARS].find(matches);
    if (known) {
      found.push(known);
      return known.key;
    }
    if (name.length > PILLAR_LIMITS.label) {
      warnings.push(`“${name.slice(0, 40)}…” is too long for a pillar's name; the tag was left out.`);
      return null;
    }
    const label = PILLAR_KEY_PATTERN.test(name) ? name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : name;
    const key = pillarKeyFor(
      label,
      found.map((p) => p.key),
    );
    const shorts = new Set(found.map((p) => p.short));
    let short = shortFor(label);
    for (let n = 2; shorts.has(short); n++) short = `${short.slice(0, 2)}${n}`.slice(0, PILLAR_LIMITS.short);
    found.push({ key, label, short, description: '', color: PILLAR_PALETTE[found.length % PILLAR_PALETTE.length]! });
    return key;
  };
  const tag = (clause: ImportedClause): ImportedClause => {
    const keys = clause.pillars.map(keyOf).filter((key): key is string => key !== null);
    return { ...clause, pillars: [...new Set(keys)] };
  };
  const entry = (item: ImportedEntry): ImportedEntry => (item.type === 'clause' ? tag(item) : item);
  const named: ImportPreview = {
    ...preview,
    preamble: preview.preamble.map(tag),
    operative: preview.operative.map(entry),
    annexes: preview.annexes.map((annex) => ({ ...annex, entries: annex.entries.map(entry) })),
  };
  return { ...named, pillars: found, warnings };
}
