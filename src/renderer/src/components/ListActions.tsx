/**
 * The actions of a list of songs (an album, an artist, a playlist): Play all, Shuffle all and,
 * where the list has a seed for it, Start radio. Disabled while the list is empty.
 */
import type { TrackId } from '../../../shared/library';
import type { QueueSource } from '../../../shared/app-state';
import type { StationSeed } from '../../../shared/recommend';
import { useApp } from '../context';
import { shuffleAll } from '../player/play-from-list';
import { startRadio } from '../player/radio';

export interface ListActionsProps {
  ids: TrackId[];
  /** Where the queue comes from, shown in Up Next ("From Battle for Wesnoth"). */
  source: QueueSource;
  /** The Play button's text; default "Play all". */
  playLabel?: string;
  /** The station to start, and the name it is shown under ("Radio: NAME"). */
  radio?: { seed: StationSeed; name: string };
}

export function ListActions({
  ids,
  source,
  playLabel,
  radio,
}: ListActionsProps): React.JSX.Element {
  const { t, bridge, player } = useApp();
  const empty = ids.length === 0;
  return (
    <div className="list-actions">
      <button
        type="button"
        className="primary"
        disabled={empty}
        onClick={() => player.playQueue(ids, 0, source)}
      >
        {playLabel ?? t('playAll')}
      </button>
      <button type="button" disabled={empty} onClick={() => shuffleAll(player, ids, source)}>
        {t('shuffleAll')}
      </button>
      {radio ? (
        <button
          type="button"
          disabled={empty}
          onClick={() =>
            void startRadio(bridge, player, radio.seed, t('radioFor', { name: radio.name }))
          }
        >
          {t('startRadio')}
        </button>
      ) : null}
    </div>
  );
}
