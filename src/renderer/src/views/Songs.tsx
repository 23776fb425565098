/**
 * The songs view: the whole library (sortable) or, while the search box has text, the full-text
 * search results. Empty states say what to do next.
 */
import { useEffect, useMemo, useState } from 'react';
import type { TrackSummary } from '../../../shared/contract';
import { useApp, useLibrary } from '../context';
import { sortTracks, type SortKey } from '../lib/library';
import { TrackTable } from '../components/TrackTable';
import { FirstRun } from './FirstRun';
import { playFromList, shuffleAll } from '../player/play-from-list';

export function Songs({ query }: { query: string }): React.JSX.Element {
  const { t, bridge, player, settings } = useApp();
  const { tracks, loaded } = useLibrary();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean } | null>(null);
  const [results, setResults] = useState<{ q: string; tracks: TrackSummary[] } | null>(null);
  const q = query.trim();

  useEffect(() => {
    if (!q) return;
    let live = true;
    // 150 ms: fast typists do not fire a query per key, and results still feel instant.
    const timer = setTimeout(() => {
      void bridge.invoke('library.search', { query: q, limit: 500 }).then((r) => {
        if (live) setResults({ q, tracks: r });
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, bridge]);

  const sorted = useMemo(
    () => (sort ? sortTracks(tracks, sort.key, sort.desc) : tracks),
    [tracks, sort],
  );
  const onSort = (key: SortKey): void =>
    setSort((s) => (s?.key === key ? { key, desc: !s.desc } : { key, desc: false }));

  if (q) {
    const found = results?.q === q ? results.tracks : null;
    return (
      <section className="view" aria-labelledby="songs-h">
        <h1 id="songs-h">{found ? t('resultsFor', { n: found.length, q }) : t('loading')}</h1>
        {found && found.length === 0 ? <p className="empty">{t('noResults', { q })}</p> : null}
        {found && found.length > 0 ? (
          <TrackTable
            tracks={found}
            label={t('resultsFor', { n: found.length, q })}
            onPlay={(i) =>
              playFromList(
                player,
                found.map((x) => x.id),
                i,
                { kind: 'search', label: q },
                settings.continueWith,
              )
            }
          />
        ) : null}
      </section>
    );
  }
  if (!loaded) return <p className="empty">{t('loading')}</p>;
  if (tracks.length === 0) return <FirstRun />;
  return (
    <section className="view" aria-labelledby="songs-h">
      <div className="view-head">
        <h1 id="songs-h">{t('songs')}</h1>
        <span className="muted">{t('tracksCount', { n: tracks.length })}</span>
        <button
          type="button"
          onClick={() =>
            player.playQueue(
              sorted.map((x) => x.id),
              0,
              { kind: 'library', label: t('songs') },
            )
          }
        >
          {t('playAll')}
        </button>
        <button
          type="button"
          onClick={() =>
            shuffleAll(
              player,
              sorted.map((x) => x.id),
              { kind: 'library', label: t('songs') },
            )
          }
        >
          {t('shuffleAll')}
        </button>
      </div>
      <TrackTable
        tracks={sorted}
        label={t('songs')}
        sort={sort ?? undefined}
        onSort={onSort}
        onPlay={(i) =>
          playFromList(
            player,
            sorted.map((x) => x.id),
            i,
            { kind: 'library', label: t('songs') },
            settings.continueWith,
          )
        }
      />
    </section>
  );
}
