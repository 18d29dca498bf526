import { DEMO_PASSWORD } from '../demo/demoPeople';

/** The demo accounts' emails, by what they are for in a test. */
export const DEMO = {
  chair: 'chair@accord.example',
  valdoria: 'valdoria@accord.example',
  norland: 'norland@accord.example',
  meridia: 'meridia@accord.example',
  rightsObserver: 'rights@accord.example',
  waterObserver: 'water@accord.example',
} as const;

/** A signed-in test caller: its token, and `api` to call the server as it (Bearer). */
export interface TestSession {
  token: string;
  user: { id: string; name: string; email: string };
  api: (
    path: string,
    init?: RequestInit & { json?: unknown },
  ) => Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
}

/** Calls the API as whoever `token` belongs to (anonymous without one), with a JSON body if given. */
export async function callApi(
  baseUrl: string,
  token: string | undefined,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const { json, ...rest } = init;
  const response = await fetch(`${baseUrl}${path}`, {
    ...rest,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...rest.headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await response.text();
  // Downloads (XML, CSV, documents) come back as `{ text }`; every API answer and error is JSON.
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  return {
    status: response.status,
    body: !text ? {} : isJson ? (JSON.parse(text) as Record<string, unknown>) : { text },
    headers: response.headers,
  };
}

/** Signs in through the real API (a demo account by default password). */
export async function signIn(baseUrl: string, email: string, password: string = DEMO_PASSWORD): Promise<TestSession> {
  const response = await callApi(baseUrl, undefined, '/api/auth/login', { method: 'POST', json: { email, password } });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const token = response.body.token as string;
  return {
    token,
    user: response.body.user as TestSession['user'],
    api: (path, init) => callApi(baseUrl, token, path, init),
  };
}
