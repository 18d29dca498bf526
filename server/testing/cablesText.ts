/**
 * A short text on undersea cables whose clauses name the pillars they belong to ("Pillars: …"
 * lines), as a secretariat's file would: a draft with pillars of its own, none of the cyber ones.
 */
export const CABLES_MARKDOWN = [
  '# Protecting undersea cables',
  '',
  'PP1. Recognizing that undersea cables carry most of the traffic between continents,',
  '',
  'Pillars: Cable protection',
  '',
  'OP1. States should protect cables in their waters from deliberate damage;',
  '',
  'Pillars: Cable protection; Repair access',
  '',
  'OP2. States should let repair ships reach a fault without delay;',
  '',
  'Pillars: Repair access',
  '',
  'OP3. States should share what their monitoring of the seabed shows.',
  '',
  'Pillars: Shared monitoring',
  '',
].join('\n');
