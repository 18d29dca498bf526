/**
 * The balancer's configuration: the committed template `deploy/nginx/accord-cluster.conf` with
 * its three placeholders filled in. Kept apart from starting nginx so that what the file says
 * can be read (and tested) without running anything.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The committed nginx configuration, with `{{listen}}`, `{{balance}}` and `{{servers}}` to fill in. */
export const NGINX_TEMPLATE = path.resolve(import.meta.dirname, '../../deploy/nginx/accord-cluster.conf');

/**
 * How nginx picks an instance: `least-conn` (the one with the fewest open connections), or
 * `by-draft` (every request about one draft, its websocket and its `/api/drafts/<id>/…` calls,
 * on the same instance, as long as that instance is up).
 */
export type Balancing = 'least-conn' | 'by-draft';

const BALANCE_DIRECTIVE: Record<Balancing, string> = {
  'least-conn': 'least_conn;',
  'by-draft': 'hash $accord_draft consistent;',
};

/** What to fill the template with. */
export interface NginxSettings {
  /** Where nginx listens: `127.0.0.1:<port>`. */
  listen: string;
  /** The instances, as `host:port`. */
  upstreams: readonly string[];
  balancing: Balancing;
}

/** The template with every placeholder filled in; throws if the template names one it does not know. */
export function renderNginxConfig(settings: NginxSettings, template = fs.readFileSync(NGINX_TEMPLATE, 'utf8')): string {
  const values: Record<string, string> = {
    listen: settings.listen,
    balance: BALANCE_DIRECTIVE[settings.balancing],
    servers: settings.upstreams.map((upstream) => `        server ${upstream};`).join('\n'),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${NGINX_TEMPLATE} has an unknown placeholder ${placeholder}`);
    return value;
  });
}
