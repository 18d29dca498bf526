import type { Role } from '../../shared/roles';
import type { AffiliationInput } from '../people/PeopleService';

/** The password of every demo account (the README lists them). Demo accounts exist only while DEMO=true. */
export const DEMO_PASSWORD = 'accord-demo';

/** Demo accounts: a chair, delegates of three fictional States, two civil-society observers. */
export const demoPeople: {
  email: string;
  name: string;
  role: Role;
  affiliation: AffiliationInput;
  canCreateDrafts: boolean;
}[] = [
  {
    email: 'chair@accord.example',
    name: 'Amina Diallo',
    role: 'chair',
    affiliation: { kind: 'organisation', name: 'Conference Secretariat' },
    canCreateDrafts: true,
  },
  {
    email: 'valdoria@accord.example',
    name: 'Lena Varga',
    role: 'delegate',
    affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' },
    canCreateDrafts: false,
  },
  {
    email: 'norland@accord.example',
    name: 'Erik Holm',
    role: 'delegate',
    affiliation: { kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' },
    canCreateDrafts: false,
  },
  {
    email: 'meridia@accord.example',
    name: 'Rafael Costa',
    role: 'delegate',
    affiliation: { kind: 'delegation', name: 'Federated States of Meridia', code: 'XME' },
    canCreateDrafts: false,
  },
  {
    email: 'rights@accord.example',
    name: 'Priya Nair',
    role: 'observer',
    affiliation: { kind: 'organisation', name: 'Digital Rights Watch' },
    canCreateDrafts: false,
  },
  {
    email: 'water@accord.example',
    name: 'Tomás Ibarra',
    role: 'observer',
    affiliation: { kind: 'organisation', name: 'Water Utilities Resilience Network' },
    canCreateDrafts: false,
  },
];
