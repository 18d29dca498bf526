import pino from 'pino';
import type { Config } from './config';

/** The structured logger type used across the server. */
export type Logger = pino.Logger;

/** A JSON logger on stdout; one line per event, machine-readable for log shippers. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'accord' } });
}
