/**
 * The ordered, append-only list of schema migrations. Entry i brings the database to
 * user_version i + 1. Add new ones at the end; never edit or reorder released ones.
 */
import { up as library } from './001-library';

export interface Migration {
  name: string;
  up: string;
}

export const migrations: Migration[] = [{ name: 'library', up: library }];
