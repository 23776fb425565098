/**
 * The one form that names a playlist: a text field and a submit button that stays disabled while
 * the name is blank. Used to create one (navigation, the queue's "save as", a track's menu) and
 * to rename one. Escape cancels where the caller offers cancelling.
 */
import { useState } from 'react';
import { useApp } from '../context';

export interface PlaylistNameFormProps {
  /** The submit button's text ("Create", "Rename", "Save as playlist"). */
  submitLabel: string;
  /** Called with the trimmed, non-empty name. */
  onSubmit: (name: string) => void;
  onCancel?: () => void;
  initial?: string;
  autoFocus?: boolean;
  className?: string;
}

export function PlaylistNameForm({
  submitLabel,
  onSubmit,
  onCancel,
  initial = '',
  autoFocus = false,
  className = 'inline-form',
}: PlaylistNameFormProps): React.JSX.Element {
  const { t } = useApp();
  const [name, setName] = useState(initial);
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = name.trim();
        if (!chosen) return;
        setName('');
        onSubmit(chosen);
      }}
    >
      <input
        type="text"
        aria-label={t('playlistName')}
        placeholder={t('playlistName')}
        value={name}
        autoFocus={autoFocus}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !onCancel) return;
          e.stopPropagation();
          onCancel();
        }}
      />
      <button type="submit" disabled={!name.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
