/**
 * Migration 3: meaning — text vectors (descriptor and lyrics) per track with the model that made
 * them, failures not to retry, zero-shot mood scores, predicted styles (apart from the file's own
 * tags) and style clusters.
 */
export const up = `
CREATE TABLE text_vectors (
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('descriptor', 'lyrics')),
  model_id TEXT NOT NULL,
  model_revision TEXT NOT NULL,
  dim INTEGER NOT NULL,
  -- Float32 little-endian, L2-normalised, dim values
  vector BLOB NOT NULL,
  -- sha1 of the embedded text, so an unchanged text is never embedded twice
  text_hash TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (track_id, kind)
) WITHOUT ROWID;
CREATE INDEX text_vectors_model ON text_vectors (kind, model_id, model_revision);

-- Texts the model failed on: not retried until the text or the model changes.
CREATE TABLE text_vector_failures (
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  model_id TEXT NOT NULL,
  model_revision TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  error TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (track_id, kind)
) WITHOUT ROWID;

CREATE TABLE mood_scores (
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  mood TEXT NOT NULL,
  -- 0..1 combined; text part and audio part (NULL without analysis)
  score REAL NOT NULL,
  text_score REAL NOT NULL,
  audio_score REAL,
  model_id TEXT NOT NULL,
  PRIMARY KEY (track_id, mood)
) WITHOUT ROWID;
CREATE INDEX mood_scores_by_mood ON mood_scores (mood, score DESC);

-- Genres predicted for tracks whose tags lack one; never written back to files.
CREATE TABLE predicted_styles (
  track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  genre TEXT NOT NULL,
  confidence REAL NOT NULL,
  spaces TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE style_clusters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  space TEXT NOT NULL,
  top_genres TEXT NOT NULL,
  size INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE track_clusters (
  track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  cluster_id INTEGER NOT NULL REFERENCES style_clusters(id) ON DELETE CASCADE,
  -- cosine similarity to the cluster centre
  similarity REAL NOT NULL
);
CREATE INDEX track_clusters_cluster ON track_clusters (cluster_id, similarity DESC);

-- Meaning settings: the chosen model, offline mode, a local model folder, the active model key.
CREATE TABLE meaning_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
