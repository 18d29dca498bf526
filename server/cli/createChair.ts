import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config';
import { ApiError } from '../errors';
import { PeopleService } from '../people/PeopleService';
import { openStorage } from '../storage/openStorage';
import { MIN_PASSWORD_LENGTH } from '../http/routes/invites/schema';

const usage = `Creates an account that can create drafts (and so chair them), for a server with DEMO=false.

  npm run create-chair -- --email secretariat@example.org --name "Ana Pereira" [--organisation "Conference Secretariat"]

The password is read from ACCORD_PASSWORD, or asked for. The database is the server's: the
PostgreSQL one at DATABASE_URL if set, else the one under DATA_DIR (default ./data).`;

const args = z.object({
  email: z.string().trim().email('--email must be an email address'),
  name: z.string().trim().min(2, '--name is required'),
  organisation: z.string().trim().min(2).default('Conference Secretariat'),
});

/**
 * The password from ACCORD_PASSWORD, or asked for twice on the terminal without being shown: what
 * is typed at the prompt is not written back.
 */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.ACCORD_PASSWORD;
  if (fromEnv) return fromEnv;
  let hidden = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!hidden) process.stdout.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  const ask = async (question: string): Promise<string> => {
    process.stdout.write(question);
    hidden = true;
    try {
      return await prompt.question('');
    } finally {
      hidden = false;
      process.stdout.write('\n');
    }
  };
  try {
    const first = await ask('Password: ');
    const second = await ask('Repeat the password: ');
    if (first !== second) throw new Error('The two passwords differ.');
    return first;
  } finally {
    prompt.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const parsed = args.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => issue.message).join('\n')}\n\n${usage}`);
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  const config = loadConfig();
  const storage = await openStorage(config);
  try {
    const user = await new PeopleService(storage).createPerson({
      email: parsed.data.email,
      name: parsed.data.name,
      password,
      affiliation: { kind: 'organisation', name: parsed.data.organisation },
      canCreateDrafts: true,
    });
    await storage.appendAudit({
      at: new Date().toISOString(),
      actorId: null,
      draftId: null,
      action: 'user.created_by_cli',
      details: { userId: user.id, email: user.email },
    });
    process.stdout.write(
      `Created ${user.name} <${user.email}> (${parsed.data.organisation}). They can sign in and create drafts.\n`,
    );
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ApiError || error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
