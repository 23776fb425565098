/**
 * The words of a feedback event — what happened to a track and where the play came from — as
 * constant lists, so the contract's schema, the CLI and the recommender enumerate the same ones.
 * A leaf without zod: the renderer imports these without bundling the schemas.
 */

/**
 * What happened to a track. A skip carries the position it happened at: in the first 30 s or the
 * first 25 % it is a strong negative, later a weak one. `remove` = removed from a generated
 * playlist (context names which). `forget` never appears: taste edits are not events.
 */
export const FEEDBACK_KINDS = [
  'play',
  'progress',
  'complete',
  'skip',
  'like',
  'unlike',
  'dislike',
  'undislike',
  'queue',
  'replay',
  'remove',
] as const;

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Where the play came from. */
export const FEEDBACK_SOURCES = [
  'upnext',
  'library',
  'playlist',
  'search',
  'station',
  'queue',
  'import',
] as const;

export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];
