/**
 * One row of the track table, memoised: while the list scrolls, a row whose track, selection and
 * playing state did not change is not rendered again. It carries no event handlers of its own (the
 * table listens once, on the grid, and finds the row from the event's target), and the "…" actions
 * button exists only on the selected or hovered row, so each of the ~40 rows in the DOM is eight
 * elements, not ten.
 */
import { memo } from 'react';
import type { TrackSummary } from '../../../shared/contract';
import type { Translate } from '../i18n/strings';
import { formatTime } from '../lib/library';

export interface TrackRowProps {
  track: TrackSummary;
  index: number;
  /** The row element's id, for the grid's aria-activedescendant. */
  id: string;
  selected: boolean;
  playing: boolean;
  /** Whether to render the "…" button (the selected or the hovered row). */
  withMenu: boolean;
  t: Translate;
}

/** The row index of the track row an event happened in, or null outside any row. */
export function rowIndexOf(target: EventTarget | null): number | null {
  const row = (target as Element | null)?.closest?.('[data-row-index]');
  return row ? Number(row.getAttribute('data-row-index')) : null;
}

/** The class name of the "…" button, by which the table tells a click on it from a row click. */
export const ROW_MENU_CLASS = 'row-menu';

function Row({ track: tr, index, id, selected, playing, withMenu, t }: TrackRowProps) {
  const classes = `trow${selected ? ' selected' : ''}${playing ? ' current' : ''}${tr.missing ? ' missing' : ''}`;
  const title = tr.title || t('untitled');
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={classes}
      data-row-index={index}
      data-track-id={tr.id}
    >
      <div role="gridcell" className="cell c-no">
        {tr.trackNo ?? ''}
      </div>
      <div role="gridcell" className="cell c-title" title={title}>
        {playing ? <span aria-hidden="true">▶ </span> : null}
        {title}
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
      <div role="gridcell" className="cell c-actions">
        {withMenu ? (
          <button
            type="button"
            className={`icon ${ROW_MENU_CLASS}`}
            tabIndex={selected ? 0 : -1}
            aria-label={t('moreActions')}
            title={t('trackActions', { title })}
          >
            …
          </button>
        ) : null}
      </div>
    </div>
  );
}

export const TrackRow = memo(Row);
