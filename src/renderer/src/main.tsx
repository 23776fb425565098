/**
 * The renderer's entry: picks the bridge (Electron preload or HTTP), restores the player and
 * settings from the store, loads the library and renders the app.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickBridge } from './bridge/index';
import { Player } from './player/player';
import { Suggestions } from './player/suggestions';
import { LibraryModel } from './lib/library';
import { PlaylistsModel } from './lib/playlists';
import './styles.css';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const bridge = pickBridge();
  const player = new Player(bridge);
  const library = new LibraryModel(bridge);
  const suggestions = new Suggestions(bridge, player);
  const playlists = new PlaylistsModel(bridge);
  // The frame first (app info and settings are tiny), then the library and the saved player
  // state fill it in: the window is never blank while 100,000 rows load.
  const [info, settings] = await Promise.all([
    bridge.invoke('app.info', {}),
    bridge.invoke('settings.get', {}),
  ]);
  window.addEventListener('pagehide', () => player.flush());
  createRoot(root).render(
    <App
      bridge={bridge}
      player={player}
      suggestions={suggestions}
      library={library}
      playlists={playlists}
      info={info}
      initialSettings={settings}
    />,
  );
  await Promise.all([library.load(), player.restore(), playlists.load()]);
  performance.mark('encore:interactive');
}

start().catch((err: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `Encore could not start: ${(err as Error).message}`;
});
