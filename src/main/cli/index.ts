/**
 * The `encore` command line: `encore <command> [args] [--json]`. Parses arguments, opens the engine
 * only when a command needs it, and maps failures to exit codes: 0 ok, 1 failed, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../engine';
import { commands } from './commands/index';
import { UsageError, type Command } from './command';
import { createOutput } from './output';
import { explainError } from '../../shared/error-sentences';
import { createLogger } from '../log';

const log = createLogger('cli');

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Encore — your music collection, with a recommender that learns from you.',
    '',
    'Usage: encore <command> [arguments] [--json]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `encore <command> --help` for its arguments. ENCORE_DATA_DIR chooses the data folder.',
  ].join('\n');
}

/** `help --json`: the commands as data, for scripts and shell completion. */
const helpJson = (): object => ({
  usage: 'encore <command> [arguments] [--json]',
  commands: commands.map((c) => ({ name: c.name, summary: c.summary, usage: c.usage })),
});

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json') || name === '--json';
  const out = createOutput(json);
  if (!name || name === 'help' || name === '--help' || name === '-h' || name === '--json') {
    if (json) out.result(helpJson());
    else out.raw(help());
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    out.error(`unknown command "${name}"`, ['', ...help().split('\n')]);
    return 2;
  }
  let engine: Engine | undefined;
  try {
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...command.options,
      },
    });
    if (parsed.values.help) {
      if (json) out.result({ name: command.name, summary: command.summary, usage: command.usage });
      else out.raw(`encore ${command.name} ${command.usage}\n  ${command.summary}`);
      return 0;
    }
    return await command.run({
      out,
      positionals: parsed.positionals,
      values: parsed.values,
      // One-shot commands leave analysis and embedding to their own commands.
      engine: async () =>
        (engine ??= await createEngine({ background: command.longRunning === true })),
    });
  } catch (err) {
    const usage =
      err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (usage) {
      out.error((err as Error).message, [`usage: encore ${command.name} ${command.usage}`]);
      return 2;
    }
    // In words for people; the engine's own message stays in --json and the log.
    // A command that already explained its error keeps the raw message as the cause.
    const cause = (err as Error).cause;
    const explained =
      typeof cause === 'string'
        ? { ...explainError(cause), sentence: (err as Error).message, raw: cause }
        : explainError(err);
    log.info(`encore ${command.name} failed: ${explained.raw}`);
    out.result({
      error: { reason: explained.reason, message: explained.sentence, raw: explained.raw },
    });
    out.error(explained.sentence);
    return 1;
  } finally {
    out.endProgress();
    await engine?.close();
  }
}

// Run when this file is the entry (out/main/cli.js), not when a test imports it.
if (process.argv[1] && /[\\/]cli\.js$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`encore: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
