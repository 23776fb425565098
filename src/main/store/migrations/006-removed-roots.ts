/**
 * Migration 6: removing a library folder keeps it for a while, so it can be undone. The folder and
 * its tracks are marked removed (unix ms) instead of deleted: their ids, listening history,
 * feedback, features and vectors stay, and adding the folder back clears the marks. Frozen once
 * released.
 */
export const up = `
ALTER TABLE roots ADD COLUMN removed_at INTEGER;
ALTER TABLE tracks ADD COLUMN removed_at INTEGER;
`;
