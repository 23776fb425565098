/**
 * Migration 4: the recommender — the append-only feedback log and the recommender's saved state
 * (taste model snapshot, settings). Frozen once released.
 */
export const up = `
CREATE TABLE feedback_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,            -- unix ms
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  -- play | progress | complete | skip | like | unlike | dislike | undislike | queue | replay | remove
  kind TEXT NOT NULL,
  session_id TEXT NOT NULL,
  -- upnext | library | playlist | search | station | queue | import
  source TEXT NOT NULL,
  position_s REAL,
  duration_s REAL,
  context TEXT
);
CREATE INDEX feedback_events_track ON feedback_events(track_id);
CREATE INDEX feedback_events_at ON feedback_events(at);

-- Small keyed documents: 'taste' (model snapshot, JSON) and 'settings' (JSON).
CREATE TABLE recommend_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;
