/**
 * Settings: library folders (add, remove, scan), excluded folders, language, playback
 * (normalisation, crossfade, auto-DJ, adventurousness) and analysis / model options. Every change
 * is saved to the store at once.
 */
import { useEffect, useState } from 'react';
import type { LibraryStats } from '../../../shared/library';
import { useApp } from '../context';
import { LibraryFolders } from '../components/LibraryFolders';
import { ModelSettings } from '../components/ModelSettings';
import { askNotificationPermission } from '../lib/track-notification';

export function Settings(): React.JSX.Element {
  const { t, bridge, settings, updateSettings } = useApp();
  const [stats, setStats] = useState<LibraryStats | null>(null);
  const [excluded, setExcluded] = useState(settings.excludedFolders.join('\n'));

  useEffect(() => {
    void bridge.invoke('library.stats', {}).then(setStats);
  }, [bridge]);

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
      <LibraryFolders onChanged={() => void bridge.invoke('library.stats', {}).then(setStats)} />
      <fieldset>
        <legend>{t('excludedFolders')}</legend>
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
    </section>
  );
}
