import type { DraftSpec } from './draftText';

/** The templates a new draft can start from, with what the "New draft" form shows. */
export const DRAFT_TEMPLATES = [
  { key: 'blank', label: 'Blank', description: 'A title, one preambular and one operative clause.' },
  {
    key: 'pillar-framework',
    label: 'Pillar framework',
    description:
      'A skeleton with a clause or two under each pillar of the cyber norms framework, ready to be negotiated.',
  },
] as const;

export type DraftTemplateKey = (typeof DRAFT_TEMPLATES)[number]['key'];

export const DRAFT_TEMPLATE_KEYS = DRAFT_TEMPLATES.map((template) => template.key) as [
  DraftTemplateKey,
  ...DraftTemplateKey[],
];

/** The text a template starts with, under the given title. */
export function templateSpec(key: DraftTemplateKey, title: string): DraftSpec {
  if (key === 'blank') return { title, preamble: [''], operative: [''] };
  return { title, ...pillarFramework };
}

/** The pillar framework skeleton: placeholders in square brackets mark what the negotiators fill in. */
const pillarFramework: Omit<DraftSpec, 'title'> = {
  preamble: [
    {
      text:
        'Noting that essential services depend on networks that cross borders, and that their ' +
        'disruption can harm civilians far from where an operation began,',
      pillars: ['civilian-protection'],
    },
    {
      text: 'Reaffirming that existing international law governs the conduct of States in cyberspace, and that responses to cyber operations are bound by it,',
      pillars: ['legality-proportionality'],
    },
    {
      text: 'Determined to review these norms at regular intervals as technology and threats evolve,',
      pillars: ['enforcement-review'],
    },
  ],
  operative: [
    {
      text: 'States should protect the continuity of [essential services to be listed] when responding to a cyber operation, and should not target them.',
      pillars: ['civilian-protection'],
    },
    {
      text:
        'Before responding, a State should establish responsibility for a cyber operation to the ' +
        'standard of [evidentiary threshold], drawing on [national and independent] technical ' +
        'analysis.',
      pillars: ['attribution'],
    },
    {
      text: 'Any response should have a basis in international law and be proportionate to the harm suffered, taking into account:',
      pillars: ['legality-proportionality'],
      subparagraphs: [
        'the criticality of the affected services;',
        'the risk of cascading effects;',
        'the likely harm to third States and their populations.',
      ],
    },
    {
      text: 'States should prefer the least escalatory response that can end the operation, and should review any measure within [number] days.',
      pillars: ['escalation-control'],
    },
    {
      text: 'States should assist one another, on request, in restoring essential services affected by a cyber operation.',
      pillars: ['resilience-shared-defence'],
    },
    {
      text: 'Measures taken in response should respect human rights and international humanitarian law, with particular care for [vulnerable groups].',
      pillars: ['human-rights-humanitarian'],
    },
    {
      text: 'States should notify [a designated body] of the measures they take and of their legal basis.',
      pillars: ['transparency-cooperation'],
    },
    {
      text: 'The implementation of these norms shall be reviewed every [number] years, with contributions invited from civil society.',
      pillars: ['enforcement-review'],
    },
  ],
};
