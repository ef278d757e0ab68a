import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';

/** What every feature's routes and use cases are given. */
export interface AppContext {
  database: Database;
  config: Config;
  clock: Clock;
}
