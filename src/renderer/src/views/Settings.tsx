/**
 * Settings: library folders (add, remove, scan), excluded folders, language, playback
 * (normalisation, crossfade, auto-DJ, adventurousness) and analysis / model options. Every change
 * is saved to the store at once.
 */
import { useEffect, useState } from 'react';
import type { LibraryRoot } from '../../../shared/contract';
import type { LibraryStats } from '../../../shared/library';
import { useApp } from '../context';
import { Icon } from '../components/Icon';
import { ModelSettings } from '../components/ModelSettings';
import { askNotificationPermission } from '../lib/track-notification';

export function Settings(): React.JSX.Element {
  const { t, bridge, settings, updateSettings, library } = useApp();
  const [roots, setRoots] = useState<LibraryRoot[]>([]);
  const [stats, setStats] = useState<LibraryStats | null>(null);
  const [path, setPath] = useState('');
  const [excluded, setExcluded] = useState(settings.excludedFolders.join('\n'));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void bridge.invoke('library.roots', {}).then(setRoots);
    void bridge.invoke('library.stats', {}).then(setStats);
  }, [bridge]);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const scan = (): Promise<void> =>
    run(async () => {
      await bridge.invoke('library.scan', {});
      await library.load();
      setStats(await bridge.invoke('library.stats', {}));
      setRoots(await bridge.invoke('library.roots', {}));
    });

  return (
    <section className="view settings" aria-labelledby="settings-h">
      <h1 id="settings-h">{t('settings')}</h1>
      {stats ? (
        <p className="muted">
          {t('stats', {
            tracks: stats.tracks,
            artists: stats.artists,
            albums: stats.albums,
            lyrics: stats.withLyrics,
          })}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('libraryFolders')}</legend>
        <ul className="roots">
          {roots.map((r) => (
            <li key={r.path}>
              <span className="path">{r.path}</span> <span className="muted">{r.status}</span>{' '}
              <button
                type="button"
                className="icon"
                aria-label={t('removeFolder', { path: r.path })}
                onClick={() =>
                  void run(async () =>
                    setRoots(await bridge.invoke('library.removeRoot', { path: r.path })),
                  )
                }
              >
                <Icon name="close" size={16} />
              </button>
            </li>
          ))}
        </ul>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const p = path.trim();
            if (p)
              void run(
                async () => (
                  setRoots(await bridge.invoke('library.addRoot', { path: p })),
                  setPath('')
                ),
              );
          }}
        >
          <label>
            {t('folderPath')}{' '}
            <input
              type="text"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              spellCheck={false}
            />
          </label>
          <button type="submit">{t('addFolder')}</button>
          <button type="button" onClick={() => void scan()}>
            {t('scanNow')}
          </button>
        </form>
        <label className="block">
          {t('excludedFolders')}
          <textarea
            rows={3}
            value={excluded}
            onChange={(e) => setExcluded(e.target.value)}
            onBlur={() =>
              updateSettings({
                excludedFolders: excluded
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('language')}</legend>
        <select
          aria-label={t('language')}
          value={settings.language}
          onChange={(e) => updateSettings({ language: e.target.value as typeof settings.language })}
        >
          <option value="system">{t('languageSystem')}</option>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
      </fieldset>
      <fieldset>
        <legend>{t('player')}</legend>
        <label className="block">
          {t('normalisation')}{' '}
          <select
            value={settings.normalisation}
            onChange={(e) =>
              updateSettings({ normalisation: e.target.value as typeof settings.normalisation })
            }
          >
            <option value="off">{t('normOff')}</option>
            <option value="track">{t('normTrack')}</option>
            <option value="album">{t('normAlbum')}</option>
          </select>
        </label>
        <label className="block">
          {t('crossfade')}{' '}
          <input
            type="number"
            min={0}
            max={12}
            step={1}
            value={settings.crossfadeS}
            onChange={(e) =>
              updateSettings({ crossfadeS: Math.max(0, Math.min(12, Number(e.target.value) || 0)) })
            }
          />
        </label>
        <label className="block">
          <input
            type="checkbox"
            checked={settings.autoDj}
            onChange={(e) => updateSettings({ autoDj: e.target.checked })}
          />{' '}
          {t('autoDj')}
        </label>
        <label className="block">
          {t('continueWith')}{' '}
          <select
            value={settings.continueWith}
            onChange={(e) =>
              updateSettings({ continueWith: e.target.value === 'list' ? 'list' : 'suggestions' })
            }
          >
            <option value="suggestions">{t('continueSuggestions')}</option>
            <option value="list">{t('continueList')}</option>
          </select>
        </label>
        <label className="block">
          <input
            type="checkbox"
            checked={settings.analysisEnabled}
            onChange={(e) => updateSettings({ analysisEnabled: e.target.checked })}
          />{' '}
          {t('analysisEnabled')}
        </label>
        <label className="block">
          {t('adventurousness')}{' '}
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={settings.adventurousness}
            onChange={(e) => updateSettings({ adventurousness: Number(e.target.value) })}
          />
        </label>
        <label className="block">
          <input
            type="checkbox"
            checked={settings.notifyOnTrackChange}
            onChange={(e) => {
              if (e.target.checked) askNotificationPermission();
              updateSettings({ notifyOnTrackChange: e.target.checked });
            }}
          />{' '}
          {t('notify')}
        </label>
      </fieldset>
      <ModelSettings />
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
    </section>
  );
}
