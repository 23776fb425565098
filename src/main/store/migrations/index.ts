/**
 * The ordered, append-only list of schema migrations. Entry i brings the database to
 * user_version i + 1. Add new ones at the end; never edit or reorder released ones.
 */
import { up as library } from './001-library';
import { up as analysis } from './002-analysis';
import { up as embedding } from './003-embedding';
import { up as recommend } from './004-recommend';
import { up as appState } from './005-app-state';
import { up as removedRoots } from './006-removed-roots';
import { up as playlists } from './007-playlists';

export interface Migration {
  name: string;
  up: string;
}

export const migrations: Migration[] = [
  { name: 'library', up: library },
  { name: 'analysis', up: analysis },
  { name: 'embedding', up: embedding },
  { name: 'recommend', up: recommend },
  { name: 'app-state', up: appState },
  { name: 'removed-roots', up: removedRoots },
  { name: 'playlists', up: playlists },
];
