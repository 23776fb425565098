/**
 * Loudness normalisation: the gain (dB) to apply to a track. The loudness Encore measured itself
 * comes first; ReplayGain tags are the fallback. A known peak limits the gain so the result does
 * not clip.
 */
import type { NowPlayingInfo } from '../../../shared/contract';

// Beyond these, a tag is probably wrong; a huge boost would mostly amplify noise.
const MIN_DB = -24;
const MAX_DB = 12;

export function gainFor(info: NowPlayingInfo, mode: 'track' | 'album'): number {
  const rg = info.track.replayGain;
  const tagGain =
    mode === 'album' ? (rg.albumGainDb ?? rg.trackGainDb) : (rg.trackGainDb ?? rg.albumGainDb);
  const peak = mode === 'album' ? (rg.albumPeak ?? rg.trackPeak) : (rg.trackPeak ?? rg.albumPeak);
  let db = info.measuredGainDb ?? tagGain ?? 0;
  if (peak && peak > 0) db = Math.min(db, -20 * Math.log10(peak));
  return Math.max(MIN_DB, Math.min(MAX_DB, db));
}
