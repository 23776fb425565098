/**
 * The Up Next panel, always visible: the recommender's next suggestions with their reasons and
 * Like / Skip / Not this. Until the recommender runs, it says so and shows nothing invented.
 */
import { useApp } from '../context';

export function UpNext(): React.JSX.Element {
  const { t, info } = useApp();
  return (
    <aside className="upnext" aria-labelledby="upnext-h">
      <h2 id="upnext-h">{t('upNext')}</h2>
      <p className="empty">{info.services.recommend ? t('upNextEmpty') : t('upNextUnavailable')}</p>
    </aside>
  );
}
