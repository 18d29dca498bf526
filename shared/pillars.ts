/**
 * The thematic pillars a clause can be tagged with. One shared definition: the editor's chips,
 * the overview chart, the outline API and every export read key, label and colour from here.
 * Keys are stable identifiers stored in documents; never rename one.
 */
export const PILLARS = [
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
] as const satisfies readonly Pillar[];

/** One pillar of the taxonomy. */
export interface Pillar {
  key: string;
  label: string;
  /** Three letters that name it wherever space is short (chips beside a clause), so colour is never the only sign. */
  short: string;
  description: string;
  /** A colour that reads on white and differs from its neighbours in the list. */
  color: string;
}

/** The stable key of a pillar, as stored on clauses. */
export type PillarKey = (typeof PILLARS)[number]['key'];

/** Every pillar key, in taxonomy order. */
export const PILLAR_KEYS: readonly PillarKey[] = PILLARS.map((pillar) => pillar.key);

const byKey = new Map<string, Pillar>(PILLARS.map((pillar) => [pillar.key, pillar]));

/** Whether `key` names a pillar of the taxonomy. */
export function isPillarKey(key: unknown): key is PillarKey {
  return typeof key === 'string' && byKey.has(key);
}

/** The pillar with `key`, or undefined for a key that is not in the taxonomy. */
export function pillarByKey(key: string): Pillar | undefined {
  return byKey.get(key);
}
