/**
 * Keyboard shortcuts: Space play/pause, ←/→ seek 5 s, ↑/↓ volume, Ctrl/Cmd+F search,
 * N / P next / previous. Ignored while typing in a field (except Ctrl/Cmd+F).
 */
import { useEffect } from 'react';
import type { Player } from '../player/player';

const SEEK_STEP_S = 5;
const VOLUME_STEP = 0.05;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function useShortcuts(player: Player, focusSearch: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        focusSearch();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      // Buttons and lists handle their own Space/arrows when focused.
      const inWidget = (e.target as HTMLElement | null)?.closest?.(
        'button, [role="grid"], [role="list"]',
      );
      const s = player.snapshot();
      switch (e.key) {
        case ' ':
          if (inWidget && (e.target as HTMLElement).tagName === 'BUTTON') return;
          player.toggle();
          break;
        case 'ArrowLeft':
          player.seek(s.positionS - SEEK_STEP_S);
          break;
        case 'ArrowRight':
          player.seek(s.positionS + SEEK_STEP_S);
          break;
        case 'ArrowUp':
          if (inWidget) return;
          player.setVolume(s.volume + VOLUME_STEP);
          break;
        case 'ArrowDown':
          if (inWidget) return;
          player.setVolume(s.volume - VOLUME_STEP);
          break;
        case 'n':
          player.next();
          break;
        case 'p':
          player.previous();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [player, focusSearch]);
}
