/**
 * The track table used by every list of songs (library, search results, an album, an artist):
 * virtualised rows, sortable column headers, keyboard selection, double-click or Enter to play.
 * Tags and file names are rendered as React text, never as HTML.
 */
import { useState, type KeyboardEvent } from 'react';
import type { TrackSummary } from '../../../shared/contract';
import { useApp, usePlayer } from '../context';
import { formatTime, type SortKey } from '../lib/library';
import { VirtualList } from './VirtualList';

// 32 px: one line of 14 px text with comfortable padding; also the unit of the scroll benchmark.
export const ROW_HEIGHT = 32;

export interface TrackTableProps {
  tracks: readonly TrackSummary[];
  label: string;
  onPlay: (index: number) => void;
  sort?: { key: SortKey; desc: boolean };
  onSort?: (key: SortKey) => void;
}

const columns: { key: SortKey; label: 'title' | 'artist' | 'album' | 'year' | 'duration' }[] = [
  { key: 'title', label: 'title' },
  { key: 'artist', label: 'artist' },
  { key: 'album', label: 'album' },
  { key: 'year', label: 'year' },
  { key: 'duration', label: 'duration' },
];

export function TrackTable({
  tracks,
  label,
  onPlay,
  sort,
  onSort,
}: TrackTableProps): React.JSX.Element {
  const { t } = useApp();
  const currentId = usePlayer((s) => s.currentId);
  const [selected, setSelected] = useState<number | null>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (tracks.length === 0) return;
    const at = selected ?? -1;
    if (e.key === 'ArrowDown') setSelected(Math.min(tracks.length - 1, at + 1));
    else if (e.key === 'ArrowUp') setSelected(Math.max(0, at - 1));
    else if (e.key === 'PageDown') setSelected(Math.min(tracks.length - 1, at + 20));
    else if (e.key === 'PageUp') setSelected(Math.max(0, at - 20));
    else if (e.key === 'Home') setSelected(0);
    else if (e.key === 'End') setSelected(tracks.length - 1);
    else if (e.key === 'Enter' && selected !== null) onPlay(selected);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const header = (
    <div className="trow thead" role="row" aria-rowindex={1}>
      {columns.map((c) => (
        <div
          key={c.key}
          role="columnheader"
          className={`cell c-${c.key}`}
          aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
        >
          {onSort ? (
            <button type="button" className="sort" onClick={() => onSort(c.key)}>
              {t(c.label)}
              {sort?.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
            </button>
          ) : (
            t(c.label)
          )}
        </div>
      ))}
    </div>
  );

  const renderRow = (i: number): React.JSX.Element => {
    const tr = tracks[i] as TrackSummary;
    const classes = [
      'trow',
      i === selected ? 'selected' : '',
      tr.id === currentId ? 'current' : '',
      tr.missing ? 'missing' : '',
    ];
    return (
      <div
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === selected}
        className={classes.join(' ')}
        onClick={() => setSelected(i)}
        onDoubleClick={() => onPlay(i)}
        data-track-id={tr.id}
      >
        <div role="gridcell" className="cell c-title" title={tr.title}>
          {tr.id === currentId ? <span aria-hidden="true">▶ </span> : null}
          {tr.title || t('untitled')}
        </div>
        <div role="gridcell" className="cell c-artist">
          {tr.artist || t('unknownArtist')}
        </div>
        <div role="gridcell" className="cell c-album">
          {tr.album || t('unknownAlbum')}
        </div>
        <div role="gridcell" className="cell c-year">
          {tr.year ?? ''}
        </div>
        <div role="gridcell" className="cell c-duration">
          {formatTime(tr.durationS)}
        </div>
      </div>
    );
  };

  return (
    <VirtualList
      count={tracks.length}
      rowHeight={ROW_HEIGHT}
      renderRow={renderRow}
      role="grid"
      ariaLabel={label}
      ariaRowCount={tracks.length + 1}
      scrollToIndex={selected}
      onKeyDown={onKeyDown}
      header={header}
      className="tracks"
    />
  );
}
