/**
 * The thematic pillars a clause can be tagged with. Each draft has its own taxonomy (stored with
 * the draft, chosen by the chair at creation or import and edited later); these are the shared
 * types, the templates a taxonomy can start from, and the checks every reader applies.
 * Keys are stable identifiers stored in documents: renaming a pillar keeps its key.
 */

/** The pillars of norms for responses to cyber operations against essential services: the demo framework's. */
export const CYBER_PILLARS: readonly Pillar[] = [
  {
    key: 'civilian-protection',
    short: 'CIV',
    label: 'Civilian protection',
    description:
      'Keeping hospitals, water, power and emergency services running for the people who depend on them while an incident is handled.',
    color: '#0B6FB8',
  },
  {
    key: 'attribution',
    short: 'ATT',
    label: 'Attribution',
    description:
      'Establishing who is responsible for an operation on evidence that others can examine, before any response.',
    color: '#C77700',
  },
  {
    key: 'legality-proportionality',
    short: 'LAW',
    label: 'Legality and proportionality',
    description: 'Grounding every response in international law and keeping it in measure with the harm suffered.',
    color: '#00875A',
  },
  {
    key: 'escalation-control',
    short: 'ESC',
    label: 'Escalation control',
    description: 'Graduated, scalable responses with pauses, reviews and off-ramps so an incident does not spiral.',
    color: '#C2410C',
  },
  {
    key: 'resilience-shared-defence',
    short: 'RES',
    label: 'Resilience and shared defence',
    description: 'Preparing essential services to withstand and recover from attacks, and helping one another do so.',
    color: '#0891B2',
  },
  {
    key: 'human-rights-humanitarian',
    short: 'HUM',
    label: 'Human rights and humanitarian principles',
    description:
      'Protecting individuals and vulnerable groups, and respecting humanitarian law, in every measure taken.',
    color: '#B3408F',
  },
  {
    key: 'transparency-cooperation',
    short: 'TCB',
    label: 'Transparency, cooperation and confidence-building',
    description: 'Explaining measures openly, sharing information and building the trust that prevents misreadings.',
    color: '#7A6300',
  },
  {
    key: 'enforcement-review',
    short: 'ENF',
    label: 'Enforcement, accountability and periodic review',
    description:
      'Holding States to the norms, answering for breaches, and revisiting the text as technology and threats change.',
    color: '#6D4AB3',
  },
];

/** One pillar of a draft's taxonomy. */
export interface Pillar {
  /** Stable identifier stored on clauses; renaming a pillar keeps it. */
  key: string;
  label: string;
  /** A few letters that name it wherever space is short (chips beside a clause), so colour is never the only sign. */
  short: string;
  description: string;
  /** A colour (#rrggbb) that reads on white and differs from its neighbours in the list. */
  color: string;
}

/** The stable key of a pillar, as stored on clauses. */
export type PillarKey = string;

/** Most pillars one draft's taxonomy holds. */
export const MAX_PILLARS_PER_DRAFT = 24;
/** Longest key, label, short code and description of a pillar. */
export const PILLAR_LIMITS = { key: 64, label: 120, short: 4, description: 500 } as const;
/** What a pillar key looks like: lower-case words joined by hyphens. */
export const PILLAR_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** A taxonomy a draft can start from. */
export interface PillarTemplate {
  id: string;
  label: string;
  pillars: readonly Pillar[];
}

/** The templates offered when a draft is created or imported; the first is the default. */
export const PILLAR_TEMPLATES: readonly PillarTemplate[] = [
  { id: 'cyber-norms', label: 'Responses to cyber operations against essential services', pillars: CYBER_PILLARS },
  { id: 'none', label: 'No pillars yet (define your own)', pillars: [] },
];

/** Colours offered for a new pillar, in the order they are handed out; each reads on white. */
export const PILLAR_PALETTE: readonly string[] = [
  '#0B6FB8',
  '#C77700',
  '#00875A',
  '#C2410C',
  '#0891B2',
  '#B3408F',
  '#7A6300',
  '#6D4AB3',
  '#4D7C0F',
  '#BE123C',
  '#475569',
  '#9333EA',
];

/**
 * A draft's own pillars: the clauses of a draft are tagged from its taxonomy, and every reader of
 * pillars (chips, overview, filters, exports, the server's checks) asks the draft's taxonomy.
 */
export class Taxonomy {
  private readonly byKey: ReadonlyMap<string, Pillar>;

  constructor(readonly pillars: readonly Pillar[]) {
    this.byKey = new Map(pillars.map((pillar) => [pillar.key, pillar]));
  }

  /** Every key, in taxonomy order. */
  get keys(): string[] {
    return this.pillars.map((pillar) => pillar.key);
  }

  /** Whether `key` names a pillar of this taxonomy. */
  has(key: unknown): key is PillarKey {
    return typeof key === 'string' && this.byKey.has(key);
  }

  /** The pillar with `key`, or undefined for a key that is not in the taxonomy. */
  pillar(key: string): Pillar | undefined {
    return this.byKey.get(key);
  }

  /** The label of `key`, or the key itself for one the taxonomy no longer has. */
  label(key: string): string {
    return this.byKey.get(key)?.label ?? key;
  }

  /** `keys` without repeats, those of the taxonomy first in its order, then unknown ones as given. */
  ordered(keys: readonly string[]): string[] {
    const wanted = new Set(keys);
    const known = this.keys.filter((key) => wanted.has(key));
    return [...known, ...[...wanted].filter((key) => !this.byKey.has(key))];
  }

  /** The keys among `keys` that this taxonomy does not have. */
  unknown(keys: readonly string[]): string[] {
    return [...new Set(keys)].filter((key) => !this.byKey.has(key));
  }
}

/** The taxonomy of the demo framework (and of every draft created before drafts had their own). */
export const CYBER_TAXONOMY = new Taxonomy(CYBER_PILLARS);

/** A key for a new pillar labelled `label`, unlike any of `taken`. */
export function pillarKeyFor(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '') || 'pillar';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

/** Three letters naming a pillar labelled `label`, for a chip. */
export function shortFor(label: string): string {
  const words = label.match(/[A-Za-z0-9]+/g) ?? [];
  const letters = words.length >= 3 ? words.map((word) => word[0]).join('') : (words[0] ?? 'P');
  return letters.slice(0, 3).toUpperCase();
}

/**
 * What is wrong with a taxonomy as a chair sends it, one sentence per problem (empty: nothing).
 * Keys are unique and well formed, short codes unique, colours #rrggbb, lengths within the limits.
 */
export function taxonomyProblems(pillars: readonly Pillar[]): string[] {
  const problems: string[] = [];
  if (pillars.length > MAX_PILLARS_PER_DRAFT) {
    problems.push(`A draft has at most ${MAX_PILLARS_PER_DRAFT} pillars; this list has ${pillars.length}.`);
  }
  const keys = new Set<string>();
  const shorts = new Set<string>();
  pillars.forEach((pillar, index) => {
    const name = pillar.label.trim() ? `“${pillar.label.trim()}”` : `pillar ${index + 1}`;
    if (!PILLAR_KEY_PATTERN.test(pillar.key) || pillar.key.length > PILLAR_LIMITS.key) {
      problems.push(
        `The key of ${name} must be lower-case words joined by hyphens, at most ${PILLAR_LIMITS.key} characters.`,
      );
    } else if (keys.has(pillar.key)) problems.push(`Two pillars share the key “${pillar.key}”.`);
    keys.add(pillar.key);
    if (!pillar.label.trim() || pillar.label.length > PILLAR_LIMITS.label) {
      problems.push(`Pillar ${index + 1} needs a label of at most ${PILLAR_LIMITS.label} characters.`);
    }
    const short = pillar.short.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,4}$/.test(short)) {
      problems.push(`The short code of ${name} must be 1 to ${PILLAR_LIMITS.short} letters or digits.`);
    } else if (shorts.has(short)) problems.push(`Two pillars share the short code “${short}”.`);
    shorts.add(short);
    if (pillar.description.length > PILLAR_LIMITS.description) {
      problems.push(`The description of ${name} is longer than ${PILLAR_LIMITS.description} characters.`);
    }
    if (!COLOR_PATTERN.test(pillar.color)) problems.push(`The colour of ${name} must be written #rrggbb.`);
  });
  return problems;
}

/** A pillar as a chair writes it: only the label is required; the rest is derived when left out. */
export interface PillarInput {
  key?: string | undefined;
  label: string;
  short?: string | undefined;
  description?: string | undefined;
  color?: string | undefined;
}

/**
 * Pillars from what a chair wrote: a missing key is made from the label (unlike the others'),
 * a missing short code from the label's initials, a missing colour from the palette.
 */
export function completePillars(inputs: readonly PillarInput[]): Pillar[] {
  const taken = inputs.flatMap((input) => (input.key ? [input.key] : []));
  return inputs.map((input, index) => {
    const label = input.label.trim();
    const key = input.key ?? pillarKeyFor(label, taken);
    if (!input.key) taken.push(key);
    return {
      key,
      label,
      short: (input.short?.trim() || shortFor(label)).toUpperCase(),
      description: input.description?.trim() ?? '',
      color: input.color ?? PILLAR_PALETTE[index % PILLAR_PALETTE.length]!,
    };
  });
}
