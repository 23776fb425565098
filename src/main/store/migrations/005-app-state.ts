/**
 * Migration 5: what the app remembers between runs — the player's queue and position and the
 * person's settings — as JSON values by key. Frozen once released.
 */
export const up = `
CREATE TABLE app_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL, -- JSON
  updated_at INTEGER NOT NULL
);
`;
