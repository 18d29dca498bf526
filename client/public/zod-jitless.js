// Zod compiles object schemas with `new Function` unless `jitless` is set, and probes for it when
// the first one is built; the Content-Security-Policy (script-src 'self', no 'unsafe-eval')
// refuses both. Zod keeps its configuration in this global object, so setting it here, in a
// classic script that runs before any module of the app, holds for every schema, whichever chunk
// builds it first.
// oxlint-disable-next-line no-underscore-dangle -- Zod's own name for it
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
