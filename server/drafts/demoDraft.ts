/**
 * The text of the demo draft seeded on first start: a short framework of norms for proportionate
 * responses to cyber operations against essential services, written for Accord.
 */
export const demoDraft = {
  title: 'Framework of Norms on Proportionate State Responses to Cross-Border Cyber Operations against Essential Services',
  preamble: [
    'Mindful that hospitals, power grids, water systems and emergency networks now depend on connected systems whose disruption can endanger lives across borders,',
    'Affirming that international law, including the Charter of the United Nations, international humanitarian law and international human rights law, applies to the conduct of States in cyberspace,',
    'Recognizing that a response to a cyber operation is legitimate only when it is grounded in credible attribution, is lawful and is proportionate to the harm suffered,',
    'Convinced that transparency, cooperation among States and the regular review of these norms reduce the risk of misunderstanding and escalation,',
  ],
  operative: [
    'States should refrain from conducting or knowingly supporting cyber operations that impair the availability or integrity of essential services on which civilian populations depend.',
    'A State that is the target of a cyber operation should base any response on attribution supported by technical evidence that can, where security permits, be shared with affected States or reviewed by independent experts.',
    'Responses should be graduated: diplomatic measures and non-escalatory cyber measures should be preferred for incidents of limited effect, and more forceful measures considered only where essential services are seriously degraded.',
    'Any response should be limited in scope and duration to what is necessary to end the operation or obtain redress, and should avoid foreseeable harm to civilians and to third States.',
    'States should maintain, and exercise regularly, plans to isolate compromised networks while keeping patient care, emergency communications and water supply running.',
    'States are encouraged to establish points of contact and joint incident-response arrangements so that assistance can be requested and provided quickly across borders.',
    'States taking measures in response to a cyber operation should publish a statement of the legal basis and the reasons why the measures are proportionate.',
    'The implementation of these norms should be reviewed periodically, with an open call for contributions from civil society, industry and the technical community before each review.',
  ],
} as const;
