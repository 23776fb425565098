/**
 * Migration 1: the library — roots, tracks, lyrics, covers and full-text search.
 * Frozen once released: change the schema with a new migration, never by editing this one.
 */
export const up = `
CREATE TABLE roots (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  added_at INTEGER NOT NULL,
  last_scan_at INTEGER,
  -- 'ok' | 'missing' (folder gone or empty: an unplugged drive) | 'unreadable'
  status TEXT NOT NULL DEFAULT 'ok'
);

CREATE TABLE covers (
  id INTEGER PRIMARY KEY,
  -- sha256 of the image bytes: the file name in the cover cache
  hash TEXT NOT NULL UNIQUE,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  last_used_at INTEGER NOT NULL
);

CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  root_id INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  fingerprint TEXT,
  -- 1 while the file cannot be seen (its root is missing or its folder unreadable); history is kept
  missing INTEGER NOT NULL DEFAULT 0,
  scan_error TEXT,
  container TEXT,
  codec TEXT,
  lossless INTEGER,
  duration_s REAL,
  bitrate INTEGER,
  sample_rate INTEGER,
  channels INTEGER,
  bits_per_sample INTEGER,
  title TEXT,
  artist TEXT,
  artists TEXT, -- JSON array
  album TEXT,
  album_artist TEXT,
  track_no INTEGER,
  track_total INTEGER,
  disc_no INTEGER,
  disc_total INTEGER,
  year INTEGER,
  date TEXT,
  genre TEXT,   -- display string, genres joined by '; '
  genres TEXT,  -- JSON array
  composer TEXT,
  comment TEXT,
  bpm_tag REAL,
  key_tag TEXT,
  mood_tag TEXT,
  rg_track_gain_db REAL,
  rg_track_peak REAL,
  rg_album_gain_db REAL,
  rg_album_peak REAL,
  mb_track_id TEXT,
  mb_recording_id TEXT,
  mb_album_id TEXT,
  mb_artist_id TEXT,
  -- which fields came from the path because the file had no tag for them (JSON array)
  path_fallback TEXT,
  -- 'gbk' | 'big5' | 'shift_jis' | 'windows-1251' | 'utf-8' when tags were re-decoded
  tag_encoding_fix TEXT,
  cover_id INTEGER REFERENCES covers(id) ON DELETE SET NULL,
  has_lyrics INTEGER NOT NULL DEFAULT 0,
  added_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tracks_root ON tracks(root_id);
CREATE INDEX tracks_fingerprint ON tracks(fingerprint);
CREATE INDEX tracks_album ON tracks(album_artist, album);
CREATE INDEX tracks_artist ON tracks(artist);

CREATE TABLE lyrics (
  track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  -- 'embedded' | 'embedded-synced' | 'lrc' | 'txt'
  source TEXT NOT NULL,
  plain TEXT NOT NULL,
  -- JSON array of {t: seconds, text} when the lyrics are synced, else NULL
  synced TEXT,
  language TEXT
);

-- Standalone FTS index keyed by track id; kept in step by the store in the same transaction as
-- the track row. CJK text is pre-split into one token per character (see store/fts-text.ts).
CREATE VIRTUAL TABLE track_fts USING fts5(
  title, artist, album, album_artist, genre, composer, lyrics,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;
