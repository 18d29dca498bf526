import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ApiErrorBody } from '../../shared/api';
import { APP_ROOT } from '../appRoot';
import { SESSION_COOKIE } from './authenticate';
import type { ApiOperation } from './routes/apiOperations';
import { API_OPERATIONS } from './routes/apiOperations';
import { draftIdParam } from './routes/drafts/schema';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as `z.toJSONSchema` writes it. */
export type JsonSchema = z.core.JSONSchema.BaseSchema;
type Ref = { $ref: string };
type SecurityRequirement = Record<string, string[]>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  security?: SecurityRequirement[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, Ref | { description: string; content: Record<string, object> }>;
}

/** The OpenAPI 3.1 description of the JSON API, as `GET /api/openapi.json` serves it. */
export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  security: SecurityRequirement[];
  paths: Record<string, Partial<Record<ApiOperation['method'], OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, { description: string; content: Record<string, { schema: Ref }> }>;
    securitySchemes: Record<string, object>;
  };
}

const SCHEMAS = '#/components/schemas/';
/** How `z.toJSONSchema` refers to a schema it had to name itself (one that recurses): `#/components/schemas/__shared#/$defs/<key>`. */
const SHARED = `${SCHEMAS}__shared#/$defs/`;

/** The body of every error the API answers (createApp's `onError`), as shared/api.ts types it. */
const apiErrorBody = z.object({
  error: z.string().describe('A stable machine id, like `draft_not_found`'),
  message: z.string().describe('What happened and what to do, for people'),
  details: z.unknown().optional().describe('More for programs, such as `issues` (`{ path, message }`) for a 400'),
}) satisfies z.ZodType<ApiErrorBody>;

/** `:id` is a draft's id wherever the API has it; any other path parameter is an id or token without a pattern. */
const PATH_PARAMETERS: Record<string, z.ZodType> = { id: draftIdParam };

const SIGNED_IN: SecurityRequirement[] = [{ session: [] }, { accessToken: [] }];

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `${SCHEMAS}Error` } } },
});

/**
 * Builds the OpenAPI 3.1 document of the JSON API from its table of operations
 * (routes/apiOperations.ts): every body and query schema is the zod schema the route validates
 * with, written as JSON Schema by `z.toJSONSchema` as the route reads it (`io: 'input'`: before
 * defaults and transforms). Checks zod makes in code (`refine`) have no JSON Schema and are not
 * described. `openApiDocument.test.ts` holds the document against the routes the app registers.
 */
export function openApiDocument(): OpenApiDocument {
  const named = z.registry<{ id: string }>();
  const refTo = (schema: z.ZodType, id: string): Ref => {
    if (!named.has(schema)) named.add(schema, { id });
    return { $ref: SCHEMAS + named.get(schema)!.id };
  };
  refTo(apiErrorBody, 'Error');
  const paths: OpenApiDocument['paths'] = {};
  for (const [tag, group] of Object.entries<Record<string, ApiOperation>>(API_OPERATIONS)) {
    for (const [operationId, operation] of Object.entries(group)) {
      const path = operation.path.replace(/:(\w+)/g, '{$1}');
      (paths[path] ??= {})[operation.method] = describeOperation(operationId, tag, operation, refTo);
    }
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Accord API',
      version: packageVersion(),
      description:
        'The JSON API of an Accord server. Sign in for the session cookie, or send a personal access token as ' +
        '`Authorization: Bearer <token>`. A write by cookie must carry this server’s origin in `Origin` (or ' +
        '`Referer`). What a member may do on a draft is the policy of shared/roles.ts: a refusal for who you are ' +
        'is a 403, for the state of what you act on a 409.',
    },
    tags: Object.keys(API_OPERATIONS).map((name) => ({ name })),
    security: SIGNED_IN,
    paths,
    components: {
      schemas: componentSchemas(named),
      responses: {
        BadRequest: errorResponse('The body or the query is not valid; `details.issues` names each field.'),
        Unauthenticated: errorResponse('Not signed in (`unauthenticated`).'),
        Error: errorResponse('Refused or failed: the status and the `error` id say which.'),
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session of a browser.' },
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal access token from `POST /api/auth/tokens`, or the token signing in answers.',
        },
      },
    },
  };
}

function describeOperation(
  operationId: string,
  tag: string,
  operation: ApiOperation,
  refTo: (schema: z.ZodType, id: string) => Ref,
): OpenApiOperation {
  const name = operationId[0]!.toUpperCase() + operationId.slice(1);
  const content: Record<string, { schema?: JsonSchema }> = {};
  if (operation.body) content['application/json'] = { schema: refTo(operation.body, `${name}Body`) };
  if (operation.upload) {
    content['multipart/form-data'] = { schema: refTo(operation.upload.form, `${name}Form`) };
    for (const media of operation.upload.media) content[media] = {};
  }
  const parameters = [...pathParameters(operation.path), ...queryParameters(operation.query)];
  const status = operation.status ?? 200;
  const reads = operation.body ?? operation.query ?? operation.upload;
  return {
    operationId,
    summary: operation.summary,
    tags: [tag],
    ...(operation.access === 'public' && { security: [] }),
    ...(operation.access === 'optional' && { security: [{}, ...SIGNED_IN] }),
    ...(parameters.length > 0 && { parameters }),
    ...(Object.keys(content).length > 0 && { requestBody: { required: true, content } }),
    responses: {
      [status]: {
        description: status === 201 ? 'Created' : 'OK',
        content: Object.fromEntries((operation.produces ?? ['application/json']).map((media) => [media, {}])),
      },
      ...(reads && { 400: { $ref: '#/components/responses/BadRequest' } }),
      ...(operation.access === undefined && { 401: { $ref: '#/components/responses/Unauthenticated' } }),
      default: { $ref: '#/components/responses/Error' },
    },
  };
}

function pathParameters(path: string): OpenApiParameter[] {
  return [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name: name!,
    in: 'path',
    required: true,
    schema: standalone(PATH_PARAMETERS[name!] ?? z.string()),
  }));
}

/** One parameter per field of the query's schema. */
function queryParameters(query: z.ZodType | undefined): OpenApiParameter[] {
  if (!query) return [];
  const { type, properties = {}, required = [] } = standalone(query);
  if (type !== 'object') throw new Error('A query schema must be an object of its parameters.');
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: typeof schema === 'boolean' ? {} : schema,
  }));
}

/** A schema written on its own, to sit inside a parameter: no `$schema`. */
function standalone(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' });
  return json;
}

/**
 * The named schemas (bodies, forms, the error) in one pass, so a schema several of them hold is
 * written once. A recursive one (the clause node) that zod had to name itself becomes a component
 * of its own (`Shared<key>`), and every reference is a plain `#/components/schemas/<name>`.
 */
function componentSchemas(named: z.core.$ZodRegistry<{ id: string }>): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(named, { io: 'input', uri: (id) => SCHEMAS + id });
  const { __shared: shared, ...own } = schemas;
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(own)) {
    const { $schema: _dialect, $id: _id, ...json } = schema;
    components[id] = json;
  }
  for (const [key, schema] of Object.entries(shared?.$defs ?? {})) components[sharedName(key)] = schema;
  return withPlainRefs(components) as Record<string, JsonSchema>;
}

function sharedName(key: string): string {
  return `Shared${key[0]!.toUpperCase()}${key.slice(1)}`;
}

function withPlainRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withPlainRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' && item.startsWith(SHARED)
        ? [key, SCHEMAS + sharedName(item.slice(SHARED.length))]
        : [key, withPlainRefs(item)],
    ),
  );
}

let version: string | undefined;
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
