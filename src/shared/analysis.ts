/**
 * Audio-analysis types shared by the engine, the CLI, the bridges and the renderer: the measured
 * features of one track and the progress of the background analysis queue.
 */
import type { TrackId } from './library';

/** 'ok': analysed; 'failed': the analysis itself broke (timeout, crash); 'unanalysable': no decoder. */
export type AnalysisStatus = 'ok' | 'failed' | 'unanalysable';

/** Pitch class names as key estimates report them. */
export type KeyName = 'C' | 'C#' | 'D' | 'Eb' | 'E' | 'F' | 'F#' | 'G' | 'Ab' | 'A' | 'Bb' | 'B';

/** What analysis measured for one track. Feature fields are null unless status is 'ok'. */
export interface AudioFeatures {
  trackId: TrackId;
  /** Analysis algorithm version that produced this row (rows of older versions are redone). */
  version: number;
  status: AnalysisStatus;
  /** Why the track failed or could not be analysed; null when ok. */
  error: string | null;
  /** Unix ms. */
  analysedAt: number;
  /** Which decoder produced the samples ('wasm:mp3', 'ffmpeg', ...); null when nothing decoded. */
  decoder: string | null;
  /** Tempo in beats per minute, 50–220. */
  bpm: number | null;
  /** 0..1: how clearly one periodicity dominates the onset envelope. */
  bpmConfidence: number | null;
  key: KeyName | null;
  scale: 'major' | 'minor' | null;
  /** 0..1: correlation of the chroma profile with the key profile. */
  keyStrength: number | null;
  /** Integrated loudness, EBU R128 / ITU-R BS.1770, LUFS (typically −30 … −5). */
  loudnessLufs: number | null;
  /** EBU R128 loudness range, LU. */
  loudnessRangeLu: number | null;
  /** ReplayGain-style gain to play at −18 LUFS: gainDb = −18 − loudnessLufs (dB). */
  gainDb: number | null;
  /** essentia Danceability (detrended fluctuation analysis), about 0..3; higher = more danceable. */
  danceability: number | null;
  /** Mean signal energy per sample (mean of x², x in −1..1). */
  energy: number | null;
  /** Root mean square amplitude, 0..1. */
  rms: number | null;
  /** essentia DynamicComplexity, dB: average absolute deviation of loudness; ~0 for a steady tone. */
  dynamicComplexity: number | null;
  /** Detected onsets per second. */
  onsetRate: number | null;
  /** Mean spectral centroid, Hz (brightness). */
  spectralCentroid: number | null;
  /** Zero-crossing rate, crossings per sample, 0..1. */
  zcr: number | null;
  /** 13 MFCC means (mel cepstrum of log energies in 40 bands). */
  mfccMean: number[] | null;
  /** 13 MFCC variances. */
  mfccVar: number[] | null;
  /** 12-bin chroma (HPCP) mean, bin 0 = A, normalised so the largest bin is 1. */
  hpcpMean: number[] | null;
  /** 0..1, calm → energetic (formula in src/main/analysis/mood.ts). */
  arousal: number | null;
  /** 0..1, sad → happy (formula in src/main/analysis/mood.ts). */
  valence: number | null;
}

/** Payload of the 'analysis.progress' event. */
export interface AnalysisProgress {
  state: 'running' | 'paused' | 'idle' | 'cancelled';
  /** Tracks analysed (any status) since this run started. */
  done: number;
  /** done + still queued. */
  total: number;
  /** Tracks of this run that ended 'failed' or 'unanalysable'. */
  errors: number;
  /** Tracks per second over this run. */
  rate: number;
  /** Seconds until the queue is empty at the current rate; null when unknown. */
  etaS: number | null;
  /** The track just finished, if any. */
  lastTrackId: TrackId | null;
}
