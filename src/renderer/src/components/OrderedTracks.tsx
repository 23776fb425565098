/**
 * An ordered list of tracks the person arranges (the queue, a playlist): click to play, drag a row
 * to reorder, or from the keyboard Move up / Move down (also Alt+↑ / Alt+↓ on a row), and Remove.
 * Virtualised, so a queue of the whole library stays light.
 */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { TrackId } from '../../../shared/library';
import { useApp, useLibrary } from '../context';
import { formatTime } from '../lib/library';
import { VirtualList } from './VirtualList';
import { Icon } from './Icon';

const ROW = 44;
// The drag's payload type: only rows of this list are dropped here.
const DRAG_TYPE = 'application/x-encore-position';

export interface OrderedTracksProps {
  ids: readonly TrackId[];
  label: string;
  /** The entry playing now (highlighted), when this list is the queue. */
  current?: number;
  onPlay: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  removeLabel: (title: string) => string;
}

export function OrderedTracks(props: OrderedTracksProps): React.JSX.Element {
  const { ids, label, current, onPlay, onMove, onRemove, removeLabel } = props;
  const { t, library } = useApp();
  useLibrary();
  const [over, setOver] = useState<number | null>(null);

  const onDrop = (e: DragEvent, to: number): void => {
    e.preventDefault();
    setOver(null);
    const from = Number(e.dataTransfer.getData(DRAG_TYPE));
    if (Number.isInteger(from) && from !== to) onMove(from, to);
  };
  const onRowKey = (e: KeyboardEvent, i: number): void => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    const to = e.key === 'ArrowUp' ? i - 1 : i + 1;
    if (to >= 0 && to < ids.length) onMove(i, to);
    e.preventDefault();
  };

  return (
    <VirtualList
      count={ids.length}
      rowHeight={ROW}
      role="list"
      ariaLabel={label}
      scrollToIndex={current !== undefined && current >= 0 ? current : null}
      renderRow={(i) => {
        const tr = library.get(ids[i] as TrackId);
        const title = tr?.title || t('untitled');
        const classes = ['queue-row', i === current ? 'current' : '', i === over ? 'drop' : ''];
        return (
          <div
            role="listitem"
            className={classes.join(' ')}
            aria-current={i === current ? 'true' : undefined}
            data-track-id={ids[i]}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, String(i));
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
              e.preventDefault();
              setOver(i);
            }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDrop={(e) => onDrop(e, i)}
            onKeyDown={(e) => onRowKey(e, i)}
          >
            <button type="button" className="queue-play" onClick={() => onPlay(i)}>
              <span className="q-title">{title}</span>
              <span className="muted">{tr?.artist || t('unknownArtist')}</span>
            </button>
            <span className="muted">{formatTime(tr?.durationS)}</span>
            <button
              type="button"
              className="icon"
              aria-label={t('moveUp', { title })}
              title={t('moveUp', { title })}
              disabled={i === 0}
              onClick={() => onMove(i, i - 1)}
            >
              <Icon name="up" />
            </button>
            <button
              type="button"
              className="icon"
              aria-label={t('moveDown', { title })}
              title={t('moveDown', { title })}
              disabled={i === ids.length - 1}
              onClick={() => onMove(i, i + 1)}
            >
              <Icon name="down" />
            </button>
            <button
              type="button"
              className="icon"
              aria-label={removeLabel(title)}
              title={removeLabel(title)}
              onClick={() => onRemove(i)}
            >
              <Icon name="close" size={16} />
            </button>
          </div>
        );
      }}
    />
  );
}
