/** A cover image from the cover cache, or a neutral tile with the album's initial when none. */
import { useApp } from '../context';

export function Cover({
  hash,
  size,
  label,
}: {
  hash: string | null;
  size: number;
  label: string;
}): React.JSX.Element {
  const { bridge } = useApp();
  if (!hash) {
    return (
      <div className="cover placeholder" style={{ width: size, height: size }} aria-hidden="true">
        {label.trim().charAt(0).toUpperCase() || '♪'}
      </div>
    );
  }
  return (
    <img
      className="cover"
      src={bridge.coverUrl(hash)}
      width={size}
      height={size}
      alt=""
      loading="lazy"
      decoding="async"
    />
  );
}
