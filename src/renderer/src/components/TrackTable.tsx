/**
 * The track table used by every list of songs (library, search results, an album, an artist):
 * virtualised rows, sortable column headers, keyboard selection (the grid keeps the focus and
 * points at the selected row with aria-activedescendant, so screen readers announce it while
 * arrowing), double-click or Enter to play, and each row's actions menu (right click, the row's
 * "…" button, or the context-menu key / Shift+F10). Tags and file names are rendered as React
 * text, never as HTML.
 */
import { useId, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { TrackSummary } from '../../../shared/contract';
import { useApp, usePlayer } from '../context';
import type { SortKey } from '../lib/library';
import { ROW_MENU_CLASS, rowIndexOf, TrackRow } from './TrackRow';
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
  const { t, openTrackMenu } = useApp();
  const currentId = usePlayer((s) => s.currentId);
  const [selected, setSelected] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const gridId = useId();
  const rowId = (i: number): string => `${gridId}-row-${i}`;

  const openMenu = (i: number, x: number, y: number, returnFocus: HTMLElement | null): void => {
    const tr = tracks[i];
    if (!tr) return;
    setSelected(i);
    openTrackMenu({ trackId: tr.id, x, y, returnFocus });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys pressed on the row's "…" button are the button's (Enter opens the menu, not plays).
    if (tracks.length === 0 || e.target !== e.currentTarget) return;
    const at = selected ?? -1;
    if (e.key === 'ArrowDown') setSelected(Math.min(tracks.length - 1, at + 1));
    else if (e.key === 'ArrowUp') setSelected(Math.max(0, at - 1));
    else if (e.key === 'PageDown') setSelected(Math.min(tracks.length - 1, at + 20));
    else if (e.key === 'PageUp') setSelected(Math.max(0, at - 20));
    else if (e.key === 'Home') setSelected(0);
    else if (e.key === 'End') setSelected(tracks.length - 1);
    else if (e.key === 'Enter' && selected !== null) onPlay(selected);
    else if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && selected !== null) {
      const row = document.getElementById(rowId(selected))?.getBoundingClientRect();
      openMenu(selected, row?.left ?? 0, row?.bottom ?? 0, e.currentTarget);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const header = (
    <div className="trow thead" role="row" aria-rowindex={1}>
      <div role="columnheader" className="cell c-no">
        #
      </div>
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
      <div role="columnheader" className="cell c-actions">
        <span className="visually-hidden">{t('moreActions')}</span>
      </div>
    </div>
  );

  // The rows carry no handlers: the grid listens once and finds the row from the target.
  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const i = rowIndexOf(e.target);
    if (i === null) return;
    const button = (e.target as Element).closest<HTMLElement>(`.${ROW_MENU_CLASS}`);
    if (!button) return setSelected(i);
    const box = button.getBoundingClientRect();
    openMenu(i, box.left, box.bottom, button);
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>): void => {
    const i = rowIndexOf(e.target);
    if (i !== null && !(e.target as Element).closest(`.${ROW_MENU_CLASS}`)) onPlay(i);
  };
  const onContextMenu = (e: MouseEvent<HTMLDivElement>): void => {
    const i = rowIndexOf(e.target);
    if (i === null) return;
    e.preventDefault();
    openMenu(i, e.clientX, e.clientY, e.currentTarget);
  };
  const onMouseOver = (e: MouseEvent<HTMLDivElement>): void => {
    const i = rowIndexOf(e.target);
    if (i !== hovered) setHovered(i);
  };
  const onMouseLeave = (): void => setHovered(null);

  const renderRow = (i: number): React.JSX.Element => {
    const tr = tracks[i] as TrackSummary;
    return (
      <TrackRow
        track={tr}
        index={i}
        id={rowId(i)}
        selected={i === selected}
        playing={tr.id === currentId}
        withMenu={i === selected || i === hovered}
        t={t}
      />
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
      ariaActiveDescendant={
        selected !== null && selected < tracks.length ? rowId(selected) : undefined
      }
      scrollToIndex={selected}
      onKeyDown={onKeyDown}
      pointer={{ onClick, onDoubleClick, onContextMenu, onMouseOver, onMouseLeave }}
      header={header}
      className="tracks"
    />
  );
}
