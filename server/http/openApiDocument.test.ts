import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import type { JsonSchema, OpenApiOperation } from './openApiDocument';
import { openApiDocument } from './openApiDocument';
import { API_OPERATIONS } from './routes/apiOperations';
import { createInviteBody } from './routes/invites/schema';
import { openCycleBody, statusBody } from './routes/review/schema';

const document = openApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method, path, operation: operation as OpenApiOperation })),
);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('GET /api/openapi.json', () => {
  it('gives anyone, signed in or not, the description as JSON', async () => {
    const response = await fetch(`${s.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe('the description and the routes', () => {
  it('describes every API route the app registers, and no route it does not', () => {
    const registered = s.apiRoutes
      .filter(({ path }) => path !== '/api/*')
      .map(({ method, path }) => `${method} ${path}`);
    const described = operations.map(
      ({ method, path }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect({
      undescribed: registered.filter((route) => !described.includes(route)),
      notRegistered: described.filter((route) => !registered.includes(route)),
    }).toEqual({ undescribed: [], notRegistered: [] });
  });

  it('has one line of the table for each operation (none written over by another with the same method and path)', () => {
    const lines = Object.values(API_OPERATIONS).flatMap((group) => Object.values(group));
    expect(operations).toHaveLength(lines.length);
  });
});

/** The value a local `$ref` (`#/a/b`) points at in the document, or undefined. */
function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as never)[key] : undefined),
      document,
    );
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : refsIn(item),
  );
}

describe('the document is OpenAPI 3.1', () => {
  it('names its version, its API and the version of the API', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toBe('Accord API');
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('declares each parameter of each path template, required, and no path parameter the template lacks', () => {
    const problems = operations.flatMap(({ method, path, operation }) => {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      const names = declared.map((parameter) => parameter.name);
      const where = `${method} ${path}`;
      return [
        ...(names.join() === inTemplate.join() ? [] : [`${where}: declares ${names.join()} for ${inTemplate.join()}`]),
        ...declared.filter((parameter) => !parameter.required).map(({ name }) => `${where}: ${name} not required`),
        ...(new Set((operation.parameters ?? []).map((p) => `${p.in} ${p.name}`)).size ===
        (operation.parameters ?? []).length
          ? []
          : [`${where}: a parameter twice`]),
      ];
    });
    expect(problems).toEqual([]);
    expect(document.paths['/api/drafts/{id}/review-cycles/{cycleId}']?.get?.parameters?.map((p) => p.name)).toEqual([
      'id',
      'cycleId',
    ]);
  });

  it('resolves every $ref to something in the document', () => {
    const refs = refsIn(document);
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
    // The bodies, the error and the recursive clause node are all reached through references.
    expect(new Set(refs).size).toBeGreaterThan(30);
  });

  it('gives each operation a unique id, a summary, a declared tag, a success and an error answer', () => {
    const tags = new Set(document.tags.map((tag) => tag.name));
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of operations) {
      const where = `${method} ${path}`;
      expect(operation.summary, where).not.toBe('');
      expect(
        operation.tags.every((tag) => tags.has(tag)),
        where,
      ).toBe(true);
      expect(
        Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status)),
        where,
      ).toHaveLength(1);
      expect(operation.responses.default, where).toEqual({ $ref: '#/components/responses/Error' });
    }
  });

  it('asks only for security schemes it declares: the session cookie and bearer access tokens', () => {
    const schemes = Object.keys(document.components.securitySchemes);
    expect(schemes.sort()).toEqual(['accessToken', 'session']);
    const asked = [document.security, ...operations.map(({ operation }) => operation.security ?? [])]
      .flat()
      .flatMap((requirement) => Object.keys(requirement));
    expect(asked.filter((name) => !schemes.includes(name))).toEqual([]);
    expect(document.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'accord_session' });
  });

  it('asks for no credentials where anyone may call, and for them where one must be signed in', () => {
    expect(document.paths['/api/health']?.get?.security).toEqual([]);
    expect(document.paths['/api/openapi.json']?.get?.security).toEqual([]);
    expect(document.paths['/api/drafts']?.get?.security).toBeUndefined();
    expect(document.paths['/api/drafts']?.get?.responses['401']).toBeDefined();
  });

  it('writes its schemas as the parts of one document: no $schema or $id of their own', () => {
    const schemas = Object.values(document.components.schemas);
    expect(schemas.filter((schema) => '$schema' in schema || '$id' in schema)).toEqual([]);
  });
});

/**
 * A validator made from a body's JSON Schema in the description (by zod's own JSON Schema
 * reader): the other components as `$defs`, so its references resolve.
 */
function validatorOf(component: string): z.ZodType {
  const defs = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  ) as Record<string, JsonSchema>;
  expect(defs[component], component).toBeDefined();
  return z.fromJSONSchema({ ...defs[component], $defs: defs });
}

const clause = (paragraph: object) => ({ type: 'clause', attrs: { id: 'c1' }, content: [paragraph] });
const words = { type: 'paragraph', content: [{ type: 'text', text: 'States should refrain from …' }] };

/**
 * Bodies the route's zod schema and the description's JSON Schema must both accept, and bodies
 * both must refuse. What JSON Schema cannot say is left out on purpose: checks in code
 * (`refine`: a known pillar key, a node of type `clause`) and rewriting before the checks
 * (`trim`, `toUpperCase`: " xva " passes as a delegation code).
 */
const BODIES: { component: string; schema: z.ZodType; accepted: unknown[]; refused: unknown[] }[] = [
  {
    component: 'CreateInviteBody',
    schema: createInviteBody,
    accepted: [
      { role: 'observer', affiliation: { kind: 'organisation', name: 'Digital Rights Watch' } },
      { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
      { role: 'chair', affiliation: { id: 'secretariat' }, expiresInDays: 90 },
    ],
    refused: [
      {},
      { role: 'president', affiliation: { id: 'secretariat' } },
      { role: 'observer', affiliation: { kind: 'organisation', name: 'Rights Watch', code: 'XVA' } },
      { role: 'delegate', affiliation: { kind: 'delegation', name: 'Valdoria', code: 'XVAL' } },
      { role: 'chair', affiliation: { id: 'secretariat' }, expiresInDays: 91 },
      { role: 'chair', affiliation: { id: 'secretariat' }, expiresInDays: 1.5 },
      { role: 'chair', affiliation: { id: 'secretariat' }, note: 'an unknown field' },
    ],
  },
  {
    component: 'OpenReviewCycleBody',
    schema: openCycleBody,
    accepted: [
      {
        name: '2027 periodic review',
        baseVersionId: 'v1',
        schedule: {
          submission: '2027-01-31',
          comment: '2027-02-28',
          deliberation: '2027-03-31',
          decision: '2027-04-30',
        },
      },
    ],
    refused: [
      { name: '2027 periodic review', baseVersionId: 'v1', schedule: { submission: '2027-01-31' } },
      {
        name: '2027 periodic review',
        baseVersionId: 'v1',
        schedule: {
          submission: '2027-01-31',
          comment: '2027-02-28',
          deliberation: '2027-03-31',
          decision: '2027-04-30',
        },
        chair: 'an unknown field',
      },
      {
        name: '2027 periodic review',
        baseVersionId: 'v1',
        schedule: {
          submission: '31/01/2027',
          comment: '2027-02-28',
          deliberation: '2027-03-31',
          decision: '2027-04-30',
        },
      },
      {
        name: 'ab',
        baseVersionId: 'v1',
        schedule: {
          submission: '2027-01-31',
          comment: '2027-02-28',
          deliberation: '2027-03-31',
          decision: '2027-04-30',
        },
      },
    ],
  },
  {
    component: 'ChangeAmendmentStatusBody',
    schema: statusBody,
    accepted: [
      { to: 'submitted' },
      { to: 'adopted', decision: { method: 'consensus' }, note: 'Adopted without a vote.' },
      {
        to: 'adopted-as-revised',
        decision: { method: 'vote', inFavour: 30, against: 2, abstaining: 1 },
        revised: clause(words),
      },
      { to: 'adopted', decision: { method: 'consensus' }, resolution: { clauses: [clause(words)] } },
    ],
    refused: [
      { to: 'approved' },
      { to: 'adopted', decision: { method: 'vote', inFavour: 30, abstaining: 1 } },
      { to: 'adopted', decision: { method: 'consensus', inFavour: 30 } },
      { to: 'adopted', decision: { method: 'acclamation' } },
      // Deep in the recursive clause node: an unknown field, a content that is not a list.
      { to: 'adopted-as-revised', revised: clause({ type: 'paragraph', colour: 'red' }) },
      { to: 'adopted-as-revised', revised: clause({ type: 'paragraph', content: 'States should' }) },
      { to: 'rejected', note: 'x'.repeat(2001) },
      { to: 'adopted', overrideObjections: 'yes' },
    ],
  },
];

describe('the JSON Schemas of bodies accept and refuse what the routes do', () => {
  for (const { component, schema, accepted, refused } of BODIES) {
    it(component, () => {
      const spec = validatorOf(component);
      const verdicts = [
        ...accepted.map((body) => [body, true] as const),
        ...refused.map((body) => [body, false] as const),
      ];
      for (const [body, accept] of verdicts) {
        expect({ body, zod: schema.safeParse(body).success, spec: spec.safeParse(body).success }).toEqual({
          body,
          zod: accept,
          spec: accept,
        });
      }
    });
  }
});
