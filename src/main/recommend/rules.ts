/**
 * The rules the person controls, as pure predicates: no repeat within N hours, disliked tracks
 * never return, excluded genres / artists / folders and avoided artists never suggested, nothing
 * unplayable (failed analysis, silence, fragments) suggested, and at most one track per artist
 * within K slots. Candidates pass through the mask before ranking; spacing is checked
 * slot by slot while the list is built.
 */
import type { TrackId } from '../../shared/library';
import type { RecommendSettings } from '../../shared/recommend';
import type { Catalog, CatalogTrack } from './catalog';
import { normName } from './content';

/** True when the track was not played within the last `hours` hours before `now` (ms). */
export function outsideRepeatWindow(
  lastPlayedAt: number | undefined,
  hours: number,
  now: number,
): boolean {
  return lastPlayedAt === undefined || now - lastPlayedAt >= hours * 3600 * 1000;
}

/** True when the person has not disliked the track. */
export function notDisliked(id: TrackId, disliked: ReadonlySet<TrackId>): boolean {
  return !disliked.has(id);
}

/** Settings exclusions in the normalised form the predicate compares against. */
export interface Exclusions {
  genres: Set<string>;
  artists: Set<string>;
  /** Folder paths with a trailing separator, so '/music/kids' does not exclude '/music/kidsfoo'. */
  folders: string[];
}

export function exclusionsOf(s: RecommendSettings): Exclusions {
  return {
    genres: new Set(s.excludedGenres.map(normName)),
    artists: new Set(s.excludedArtists.map(normName)),
    folders: s.excludedFolders.map((f) => f.replace(/[\\/]+$/, '') + '/'),
  };
}

/** True when none of the track's genres, its artist or its folder is excluded. */
export function notExcluded(t: CatalogTrack, ex: Exclusions): boolean {
  if (ex.artists.has(t.artistKey)) return false;
  for (const g of t.genres) if (ex.genres.has(g)) return false;
  const folder = t.folder.replace(/\\/g, '/') + '/';
  for (const f of ex.folders) if (folder.startsWith(f.replace(/\\/g, '/'))) return false;
  return true;
}

/**
 * True when `artistKey` may take the next slot: it is not among the last `spacing − 1` artists
 * (newest last) — so an artist appears at most once within any `spacing` consecutive slots.
 */
export function respectsArtistSpacing(
  artistKey: string,
  recentArtists: readonly string[],
  spacing: number,
): boolean {
  if (!artistKey) return true;
  const from = Math.max(0, recentArtists.length - (spacing - 1));
  for (let i = from; i < recentArtists.length; i++)
    if (recentArtists[i] === artistKey) return false;
  return true;
}

export interface MaskInput {
  catalog: Catalog;
  settings: RecommendSettings;
  lastPlayed: ReadonlyMap<TrackId, number>;
  disliked: ReadonlySet<TrackId>;
  /** Current track, queued tracks, anything else the caller rules out. */
  exclude: ReadonlySet<TrackId>;
  now: number;
  /** Normalised artists the person avoids (taste), left out unless the person asks for them. */
  avoidedArtists?: ReadonlySet<string>;
}

/** 1 for every catalog row that may be suggested, 0 for the rest. */
export function allowedMask(input: MaskInput): Uint8Array {
  const { catalog, settings, lastPlayed, disliked, exclude, now } = input;
  const ex = exclusionsOf(settings);
  const hasEx = ex.genres.size + ex.artists.size + ex.folders.length > 0;
  const mask = Uint8Array.from(playableMask(catalog));
  if (hasEx) {
    catalog.tracks.forEach((t, r) => {
      if (!notExcluded(t, ex)) mask[r] = 0;
    });
  }
  for (const artist of input.avoidedArtists ?? [])
    for (const r of catalog.byArtist.get(artist) ?? []) mask[r] = 0;
  for (const [id, at] of lastPlayed) {
    if (!outsideRepeatWindow(at, settings.noRepeatHours, now)) clear(mask, catalog.row(id));
  }
  for (const id of disliked) clear(mask, catalog.row(id));
  for (const id of exclude) clear(mask, catalog.row(id));
  return mask;
}

/** 1 for rows that may ever be suggested (not failed, silent or a fragment), once per catalog. */
const playable = new WeakMap<Catalog, Uint8Array>();
function playableMask(catalog: Catalog): Uint8Array {
  let m = playable.get(catalog);
  if (!m) {
    m = Uint8Array.from(catalog.tracks, (t) => (t.unsuggestable === null ? 1 : 0));
    playable.set(catalog, m);
  }
  return m;
}

function clear(mask: Uint8Array, r: number): void {
  if (r >= 0) mask[r] = 0;
}
