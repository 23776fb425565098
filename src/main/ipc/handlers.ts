/**
 * The contract's handlers: one line each over engine services (which know nothing of Electron or
 * HTTP). Registered once, from here, by both transports: the Electron IPC registration and the
 * browser host. Payloads arrive already validated (see dispatch.ts).
 */
import type { Engine } from '../engine';
import type { AppInfo } from '../../shared/contract';
import { CallFailure, type Handlers, type MessageHandlers } from './dispatch';
import { toTrackSummary } from '../../shared/library';
import { updateSettings } from './settings';
import { moodMapPoints } from '../store/mood-map';
import { browseFolders } from '../library/folder-browser';
import { trackOpinion } from '../store/opinions';

/** What only the shell knows: the app's version, the OS language, the Music folder. */
export type HostInfo = Omit<AppInfo, 'readOnly'>;

export function createHandlers(engine: Engine, host: HostInfo): Handlers {
  const { store, library, recommend, meaning, analysis, playlists } = engine;
  const roots = async (): Promise<Awaited<ReturnType<Handlers['library.roots']>>> =>
    (await store.roots.list()).map((r) => ({
      path: r.path,
      status: r.status,
      lastScanAt: r.lastScanAt,
    }));
  return {
    'app.info': async () => ({
      ...host,
      readOnly: store.readOnly,
    }),
    'library.stats': () => store.tracks.stats(),
    'library.roots': roots,
    'library.addRoot': async ({ path }) => (await library.addRoot(path), roots()),
    'library.removeRoot': async ({ path }) => (await library.removeRoot(path), roots()),
    'library.scan': ({ roots: only }) => library.scan({ roots: only }),
    'library.tracks': ({ sort }) => store.tracks.summaries({ sort }),
    'library.summaries': async ({ ids }) => (await store.tracks.getMany(ids)).map(toTrackSummary),
    'library.track': async ({ id }) => (await store.tracks.get(id)) ?? null,
    'library.search': async ({ query, limit }) =>
      (await store.tracks.search(query, limit)).map(toTrackSummary),
    'library.lyrics': async ({ id }) => (await store.tracks.lyrics(id)) ?? null,
    'library.errors': ({ limit }) => store.tracks.errors(limit),
    'player.state': () => engine.playerState(),
    'player.nowPlaying': async ({ id }) => {
      const track = await store.tracks.get(id);
      return track
        ? { track, measuredGainDb: (await store.features.get(id))?.gainDb ?? null }
        : null;
    },
    'settings.get': () => store.appState.settings(),
    'settings.set': ({ patch }) => updateSettings(engine, patch),
    'recs.upNext': (req) => recommend.upNext(req),
    'recs.feedback': ({ event }) => recommend.record(event),
    'recs.station': ({ seed, count }) => recommend.station(seed, count),
    'recs.moodPlaylist': ({ mood, count }) => recommend.moodPlaylist(mood, count),
    'recs.taste': () => recommend.taste(),
    'recs.forget': async ({ facet, name }) => (
      await recommend.forget(facet, name),
      recommend.taste()
    ),
    'meaning.vibe': ({ query, limit }) => meaning.vibe(query, limit),
    'meaning.status': () => meaning.status(),
    'meaning.setModel': async ({ model }) => (await meaning.configure({ model }), meaning.status()),
    'meaning.download': () => meaning.download(),
    'analysis.progress': async () => analysis.progress(),
    'analysis.features': async ({ id }) => (await store.features.get(id)) ?? null,
    'analysis.map': () => moodMapPoints(store.db),
    'library.browseFolders': ({ path }) => browseFolders(path),
    'library.rootUsage': ({ path }) => library.rootUsage(path),
    'recs.opinion': ({ id }) => trackOpinion(store.db, id),
    'playlists.list': () => playlists.list(),
    'playlists.get': async ({ id }) => found(await playlists.get(id)),
    'playlists.create': ({ name, trackIds }) => playlists.create(name, trackIds),
    'playlists.rename': async ({ id, name }) => found(await playlists.rename(id, name)),
    'playlists.delete': async ({ id }) => {
      found((await playlists.delete(id)) ? id : null);
      return { deleted: true };
    },
    'playlists.add': async ({ id, trackIds, at }) => found(await playlists.add(id, trackIds, at)),
    'playlists.remove': async ({ id, positions }) => found(await playlists.removeAt(id, positions)),
    'playlists.move': async ({ id, from, to }) => found(await playlists.move(id, from, to)),
    'playlists.exportM3u8': async ({ id, paths }) => {
      const playlist = found(await playlists.get(id));
      return { name: playlist.name, text: found(await playlists.exportM3u8(id, paths)) };
    },
    'playlists.importM3u8': ({ name, text, baseDir }) => playlists.importM3u8(name, text, baseDir),
  };
}

/** `value`, or the contract's not-found failure when there is no such playlist. */
function found<T>(value: T | null): T {
  if (value === null) throw new CallFailure('not-found', 'There is no such playlist.');
  return value;
}

export function createMessageHandlers(engine: Engine): MessageHandlers {
  return {
    'player.save': ({ state }) => engine.savePlayer(state),
  };
}
