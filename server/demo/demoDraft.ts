import type { DraftSpec } from '../../shared/draftText';

/**
 * The demo draft seeded on first start: a short framework of norms for proportionate responses
 * to cyber operations against essential services, written for Accord, in the pillar structure.
 */
export const demoDraft: DraftSpec = {
  title:
    'Framework of Norms on Proportionate State Responses to Cross-Border Cyber Operations against Essential Services',
  formula: 'The States participating in this Framework,',
  preamble: [
    {
      text:
        'Mindful that hospitals, power grids, water systems and emergency networks now depend on ' +
        'connected systems whose disruption can endanger lives across borders,',
      pillars: ['civilian-protection'],
      status: 'agreed',
    },
    {
      text:
        'Affirming that international law, including the Charter of the United Nations, ' +
        'international humanitarian law and international human rights law, applies to the conduct ' +
        'of States in cyberspace,',
      pillars: ['legality-proportionality', 'human-rights-humanitarian'],
      status: 'agreed',
    },
    {
      text:
        'Recognizing that a response to a cyber operation is legitimate only when it is grounded in ' +
        'credible attribution, is lawful and is proportionate to the harm suffered,',
      pillars: ['attribution', 'legality-proportionality'],
      status: 'agreed-ad-ref',
    },
    {
      text: 'Convinced that transparency, cooperation among States and the regular review of these norms reduce the risk of misunderstanding and escalation,',
      pillars: ['transparency-cooperation', 'escalation-control'],
    },
  ],
  operative: [
    { division: 'part', title: 'Restraint and attribution' },
    {
      text:
        'States should refrain from conducting or knowingly supporting cyber operations that impair ' +
        'the availability or integrity of essential services on which civilian populations depend.',
      pillars: ['civilian-protection'],
      status: 'agreed-ad-ref',
    },
    {
      text:
        'A State that is the target of a cyber operation should base any response on attribution ' +
        'supported by technical evidence that can, where security permits, be shared with affected ' +
        'States or reviewed by independent experts.',
      pillars: ['attribution'],
    },
    { division: 'part', title: 'Responses, resilience and review' },
    {
      text: 'Responses should be graduated, so that:',
      subparagraphs: [
        'diplomatic measures and non-escalatory cyber measures are preferred for incidents of limited effect;',
        'more forceful measures are considered only where essential services are seriously degraded;',
        'each measure is reviewed within a fixed period and ended when it is no longer needed.',
      ],
      pillars: ['escalation-control', 'legality-proportionality'],
    },
    {
      text:
        'Any response should be limited in scope and duration to what is necessary to end the ' +
        'operation or obtain redress, and should avoid foreseeable harm to civilians and to third ' +
        'States.',
      pillars: ['legality-proportionality', 'civilian-protection'],
    },
    {
      text:
        'States should maintain, and exercise regularly, plans to isolate compromised networks ' +
        'while keeping patient care, emergency communications and water supply running.',
      pillars: ['resilience-shared-defence'],
      status: 'agreed',
    },
    {
      text:
        'States are encouraged to establish points of contact and joint incident-response ' +
        'arrangements so that assistance can be requested and provided quickly across borders.',
      pillars: ['resilience-shared-defence', 'transparency-cooperation'],
    },
    {
      text:
        'Measures taken in response should respect the rights of individuals, including privacy, ' +
        'and give particular protection to people who depend on health, water and food systems.',
      pillars: ['human-rights-humanitarian'],
    },
    {
      text:
        'States taking measures in response to a cyber operation should publish a statement of the ' +
        'legal basis and the reasons why the measures are proportionate.',
      pillars: ['transparency-cooperation'],
    },
    {
      text:
        'The implementation of these norms should be reviewed periodically, with an open call for ' +
        'contributions from civil society, industry and the technical community before each review.',
      pillars: ['enforcement-review'],
    },
  ],
  annexes: [
    {
      title: 'Network of points of contact',
      clauses: [
        {
          text:
            'Each participating State should designate a point of contact for cyber incidents affecting essential ' +
            'services^[Building on the voluntary norms recalled in the preamble; see document A/76/135.], which should:',
          points: [
            'be reachable at all times;',
            {
              text: 'acknowledge a request for assistance within twenty-four hours, stating:',
              points: [
                'whether it can assist;',
                {
                  text: 'what it needs from the requesting State, in particular:',
                  points: ['technical indicators of the operation;', 'the essential services affected.'],
                },
              ],
            },
            'keep a record of requests received and answered.',
          ],
        },
        'The secretariat should keep the list of points of contact and circulate it to participating States ' +
          'after each change^[The list is not published; it is shared with participating States only.].',
      ],
    },
  ],
};
