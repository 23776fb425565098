/** Every CLI command, in the order `encore help` lists them. Each domain adds its file here. */
import type { Command } from '../command';
import { libraryCommands } from './library';
import { meaningCommands } from './meaning';
import { analysisCommands } from './analysis';
import { serveCommand } from './serve';
import { recommendCommands } from './recommend';

export const commands: Command[] = [
  ...libraryCommands,
  ...meaningCommands,
  ...analysisCommands,
  ...recommendCommands,
  serveCommand,
];
