import type { DraftSpec } from '../../../shared/draftText';

/**
 * Structured drafts in the style of real instruments, for the Akoma Ntoso export and import
 * tests: each exercises one kind of structure (an empty draft, the formula, points three levels
 * deep, footnotes, parts and sections, annexes with their own divisions); AKN_INSTRUMENT holds them all.
 */
export const AKN_SAMPLES: Record<string, DraftSpec> = {
  empty: { title: '', preamble: [], operative: [] },
  formula: {
    title: 'Promoting responsible State behaviour in cyberspace',
    formula: 'The General Assembly,',
    preamble: [
      { text: 'Recalling its resolution 70/237 of 23 December 2015,', pillars: ['transparency-cooperation'] },
      {
        text: 'Noting with concern that essential services are increasingly the target of malicious operations,',
        status: 'agreed',
      },
    ],
    operative: [
      {
        text: 'Welcomes the report of the Group of Governmental Experts;',
        status: 'agreed-ad-ref',
        pillars: ['attribution'],
      },
      'Decides to remain seized of the matter.',
    ],
  },
  nestedPoints: {
    title: 'Norms for proportionate responses',
    formula: 'The General Assembly,',
    preamble: [
      {
        text: 'Affirming that international law applies to the conduct of States,',
        points: ['in peacetime;', 'in armed conflict,'],
      },
    ],
    operative: [
      {
        text: 'Calls upon Member States to be guided by the following norms:',
        points: [
          'States should not conduct operations that damage critical infrastructure;',
          {
            text: 'States should respond in a graduated manner, taking into account:',
            points: [
              'the severity of the harm;',
              {
                text: 'the measures already taken, including:',
                points: ['diplomatic démarches;', 'requests for assistance & cooperation;'],
              },
            ],
          },
          'States should report responses to the Secretary-General;',
        ],
      },
      {
        text: 'Requests the Secretary-General:',
        blocks: [
          'to compile the views of Member States;',
          'to report at its eightieth session;',
          { paragraph: 'and to make the report available online.' },
        ],
      },
      {
        text: 'Encourages States:',
        blocks: [
          { paragraph: 'Within existing resources, in particular:' },
          'to share good practice;',
          { paragraph: 'and where appropriate:' },
          'to offer assistance;',
          'to train experts.',
          { paragraph: 'Reports are voluntary.' },
        ],
      },
    ],
  },
  footnotes: {
    title: 'The right to privacy in the digital age',
    formula: 'The Human Rights Council,',
    preamble: [
      'Reaffirming the Universal Declaration of Human Rights,^[Resolution 217 A (III).] and recalling the ' +
        'International Covenant,^[See resolution 2200 A (XXI), annex.]',
    ],
    operative: [
      {
        text: 'Takes note of the report of the High Commissioner;^[A/HRC/39/29.]',
        points: ['to continue the work;^[See also A/HRC/48/31.]', 'to report back.'],
      },
    ],
  },
  divisions: {
    title: 'Framework of norms',
    formula: 'The States participating in this Framework,',
    preamble: ['Mindful of the dependence of essential services on connected systems,'],
    operative: [
      'Adopt the norms set out below.',
      { division: 'part', title: 'General provisions' },
      'This Framework applies to operations against essential services.',
      { division: 'section', title: 'Civilian protection' },
      'States should not target hospitals.',
      { division: 'section', title: 'Attribution' },
      'States should base responses on evidence.',
      { division: 'part', title: 'Review' },
      { division: 'section', title: '' },
      'The Framework is reviewed every five years.',
    ],
  },
  annexes: {
    title: 'Confidence-building measures',
    preamble: ['Convinced that transparency reduces the risk of escalation,'],
    operative: ['Adopts the measures set out in the annexes.'],
    annexes: [
      {
        title: 'Voluntary measures of cooperation',
        clauses: [
          { division: 'part', title: 'Points of contact' },
          { text: 'Each State designates a point of contact.', points: ['at policy level;', 'at technical level.'] },
          { division: 'section', title: 'Exchanges' },
          'Points of contact meet once a year.^[See CBM 1.]',
        ],
      },
      { title: 'Reporting form', clauses: ['Name of the State.', 'Date of the report.'] },
    ],
  },
};

/** One draft with every kind of structure at once: the formula, parts and sections, (a)(i)(A), footnotes, a wrap-up and two annexes. */
export const AKN_INSTRUMENT: DraftSpec = {
  title: 'Framework of Norms on Proportionate State Responses',
  formula: 'The General Assembly,',
  preamble: [
    {
      text: 'Recalling its resolution 70/237,^[A/RES/70/237.]',
      pillars: ['transparency-cooperation'],
      status: 'agreed',
    },
    { text: 'Mindful that essential services depend on connected systems,', points: ['hospitals;', 'power grids,'] },
  ],
  operative: [
    'Adopts the Framework set out below;',
    { division: 'part', title: 'Norms' },
    { division: 'section', title: 'Civilian protection' },
    {
      text: 'Calls upon Member States:',
      points: [
        {
          text: 'to refrain from operations that:',
          points: [
            { text: 'damage essential services; or', points: ['hospitals,^[See A/76/135.]', 'water systems,'] },
            'endanger life;',
          ],
        },
        'to cooperate;',
      ],
      blocks: [{ paragraph: 'in accordance with international law;' }],
      pillars: ['civilian-protection', 'legality-proportionality'],
      status: 'agreed-ad-ref',
    },
    { division: 'section', title: 'Attribution' },
    'States should base responses on evidence;',
    { division: 'part', title: 'Review' },
    'Decides to review the Framework every five years.',
  ],
  annexes: [
    {
      title: 'Voluntary measures of cooperation',
      clauses: [
        { division: 'part', title: 'Points of contact' },
        'Each State designates a point of contact.^[See CBM 1.]',
      ],
    },
    {
      title: 'Reporting form',
      clauses: ['Name of the State.', { text: 'Measures taken:', points: ['legislative;', 'technical.'] }],
    },
  ],
};
