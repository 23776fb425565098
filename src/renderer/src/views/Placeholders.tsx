/**
 * Views whose engine service is not running yet: each says what it needs and what to do, and
 * shows no invented data. They are replaced by the real views as the services land.
 */
import { useApp } from '../context';
import type { StringKey } from '../i18n/strings';

function Waiting({
  title,
  message,
  id,
}: {
  title: StringKey;
  message: StringKey;
  id: string;
}): React.JSX.Element {
  const { t } = useApp();
  return (
    <section className="view" aria-labelledby={id}>
      <h1 id={id}>{t(title)}</h1>
      <p className="empty">{t(message)}</p>
    </section>
  );
}

export const MoodsWaiting = (): React.JSX.Element => (
  <Waiting id="moods-h" title="moods" message="moodsUnavailable" />
);
export const MoodMapWaiting = (): React.JSX.Element => (
  <Waiting id="map-h" title="moodMap" message="moodMapUnavailable" />
);
export const TasteWaiting = (): React.JSX.Element => (
  <Waiting id="taste-h" title="taste" message="tasteUnavailable" />
);
