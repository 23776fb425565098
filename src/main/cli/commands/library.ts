/** Library commands: scan, stats, search, tracks. */
import type { Command } from '../command';

export const libraryCommands: Command[] = [];
