import type { Affiliation } from '../../shared/roles';

/** "Republic of Valdoria (XVA)" for a delegation, the name alone for an organisation. */
export function affiliationLabel(affiliation: Pick<Affiliation, 'name' | 'code'>): string {
  return affiliation.code ? `${affiliation.name} (${affiliation.code})` : affiliation.name;
}
