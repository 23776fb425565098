/**
 * Playlists the person makes: a name and an ordered list of tracks. A track that leaves the
 * library leaves its playlists with it (ON DELETE CASCADE); positions may then have gaps, and the
 * order is what counts.
 */
export const up = `
CREATE TABLE playlists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,   -- unix ms
  updated_at INTEGER NOT NULL    -- unix ms
);

CREATE TABLE playlist_tracks (
  playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,     -- 0-based play order
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  PRIMARY KEY (playlist_id, position)
);
CREATE INDEX playlist_tracks_track ON playlist_tracks(track_id);
`;
