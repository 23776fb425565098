/**
 * Migration 2: audio analysis — one feature row per track, and the library-wide standardisation
 * statistics of the sound vectors. Frozen once released: change with a new migration.
 */
export const up = `
CREATE TABLE audio_features (
  track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  -- analysis algorithm version (src/main/analysis/version.ts); rows of other versions are redone
  version INTEGER NOT NULL,
  -- 'ok' | 'failed' (timeout, crash) | 'unanalysable' (no decoder could read it)
  status TEXT NOT NULL,
  error TEXT,
  analysed_at INTEGER NOT NULL,
  -- the track file's size and mtime when analysed: a changed file is analysed again
  file_size INTEGER,
  file_mtime_ms INTEGER,
  decoder TEXT,
  bpm REAL,
  bpm_confidence REAL,
  key TEXT,
  scale TEXT,
  key_strength REAL,
  loudness_lufs REAL,
  loudness_range_lu REAL,
  -- ReplayGain-style: reference -18 LUFS, gain_db = -18 - loudness_lufs
  gain_db REAL,
  danceability REAL,
  energy REAL,
  rms REAL,
  dynamic_complexity REAL,
  onset_rate REAL,
  spectral_centroid REAL,
  zcr REAL,
  mfcc_mean BLOB, -- Float32 x 13
  mfcc_var BLOB,  -- Float32 x 13
  hpcp_mean BLOB, -- Float32 x 12
  arousal REAL,
  valence REAL,
  -- raw (unstandardised) sound vector, Float32; see analysis/sound-vector.ts
  sound_vector BLOB
);
CREATE INDEX audio_features_status ON audio_features(version, status);

-- Per-dimension mean and standard deviation of the raw sound vectors over the library, so
-- distances mean the same across tracks. One row per analysis version.
CREATE TABLE sound_vector_stats (
  version INTEGER PRIMARY KEY,
  dim INTEGER NOT NULL,
  count INTEGER NOT NULL,
  mean BLOB NOT NULL, -- Float32 x dim
  std BLOB NOT NULL,  -- Float32 x dim
  computed_at INTEGER NOT NULL
);
`;
