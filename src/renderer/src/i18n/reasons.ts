/**
 * A suggestion's reason in the UI language: worded from its structured facts when the engine sent
 * them, else the engine's English sentence (an older engine).
 */
import type { UpNextItem } from '../../../shared/recommend';
import { reasonText as wordReason } from '../../../shared/reason-text';
import type { Locale } from './strings';

export { wordReason };

/** The reason of one suggestion in `lang`. */
export function reasonText(item: Pick<UpNextItem, 'reason' | 'why'>, lang: Locale): string {
  return item.why ? wordReason(item.why, lang) : item.reason;
}
