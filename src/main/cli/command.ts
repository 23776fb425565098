/**
 * What a CLI command is: a name, its options (node:util parseArgs syntax), and a run function that
 * gets the engine and an output writer. Commands live one domain per file in ./commands and are
 * listed in ./commands/index.ts.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Engine } from '../engine';
import type { Output } from './output';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  /** Opens the engine on first call (commands that do not need it never open the database). */
  engine(): Promise<Engine>;
  out: Output;
  /** Positional arguments after the command name. */
  positionals: string[];
  /** Parsed options (strings and booleans as declared). */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export interface Command {
  name: string;
  /** One line for `encore help`. */
  summary: string;
  /** The argument synopsis, e.g. "[DIR...] [--json]". */
  usage: string;
  options?: OptionSpec;
  /** Keeps running (a server): analyse and embed in the background like the app does. */
  longRunning?: boolean;
  /** Returns the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** A mistake in how the command was called: printed with its usage, exit code 2. */
export class UsageError extends Error {}
