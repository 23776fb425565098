/**
 * The current track's lyrics. Synced (.lrc) lyrics highlight the line being sung and keep it in
 * view; plain lyrics are shown as they are. Always text, never HTML.
 */
import { useEffect, useRef, useState } from 'react';
import type { Lyrics as LyricsData, SyncedLine } from '../../../shared/library';
import { useApp, usePlayer } from '../context';

/** Index of the line being sung at `t` seconds: the last line that has started, or -1. */
export function activeLine(lines: readonly SyncedLine[], t: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((lines[mid] as SyncedLine).t <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function Lyrics(): React.JSX.Element {
  const { t } = useApp();
  return (
    <section className="view lyrics" aria-labelledby="lyrics-h">
      <h1 id="lyrics-h">{t('lyrics')}</h1>
      <CurrentLyrics />
    </section>
  );
}

/** The playing track's lyrics (synced where the file has timings), or what to do without them. */
export function CurrentLyrics(): React.JSX.Element {
  const { t, bridge } = useApp();
  const currentId = usePlayer((s) => s.currentId);
  const [lyrics, setLyrics] = useState<{ id: number; data: LyricsData | null } | null>(null);

  useEffect(() => {
    if (currentId === null) return;
    let live = true;
    void bridge.invoke('library.lyrics', { id: currentId }).then((data) => {
      if (live) setLyrics({ id: currentId, data });
    });
    return () => {
      live = false;
    };
  }, [currentId, bridge]);

  const current = lyrics && lyrics.id === currentId ? lyrics.data : undefined;
  let body: React.JSX.Element;
  if (currentId === null) body = <p className="empty">{t('lyricsNothing')}</p>;
  else if (current === undefined) body = <p className="empty">{t('loading')}</p>;
  else if (current === null) body = <p className="empty">{t('noLyrics')}</p>;
  else if (current.synced && current.synced.length) body = <SyncedLyrics lines={current.synced} />;
  else body = <pre className="lyrics-plain">{current.plain}</pre>;
  return body;
}

function SyncedLyrics({ lines }: { lines: SyncedLine[] }): React.JSX.Element {
  const { player } = useApp();
  const active = usePlayer((s) => activeLine(lines, s.positionS));
  const ref = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>('[aria-current="true"]');
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [active]);

  return (
    <ol className="lyrics-synced" ref={ref}>
      {lines.map((line, i) => (
        <li
          key={i}
          aria-current={i === active ? 'true' : undefined}
          className={i === active ? 'active' : i < active ? 'past' : ''}
        >
          <button type="button" className="line" onClick={() => player.seek(line.t)}>
            {line.text || '♪'}
          </button>
        </li>
      ))}
    </ol>
  );
}
