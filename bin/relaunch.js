/**
 * Starts this same command again with more environment, once, for settings a process reads only
 * at start (glibc's malloc settings: bin/malloc-settings.js).
 *
 * Where Node has process.execve (22.15+, 23.11+; not on Windows) the process is replaced: same
 * pid, same open files and terminal, nothing left behind. On older Node a child is started with
 * the same stdio and this process waits for it, passing signals on and ending the way the child
 * ended (its exit code, or the same signal); while it waits it holds only a bare Node's memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Runs `script` again with `env`, with the same Node options and arguments. Does not return
 * when the process is replaced; otherwise the process ends when the child does.
 * @param {string} script the file to run (this command's entry)
 * @param {NodeJS.ProcessEnv} env the child's whole environment
 */
export function relaunch(script, env) {
  const args = [...process.execArgv, script, ...process.argv.slice(2)];
  if (typeof process.execve === 'function') {
    try {
      process.execve(process.execPath, [process.execPath, ...args], env);
    } catch {
      // execve(2) refused (the process runs on unchanged): start a child instead.
    }
  }
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  const forward = (signal) => {
    // Ctrl+C and Ctrl+\ at a terminal reach its whole foreground process group, the child too;
    // passing them on as well would make a second one (which ends `encore serve` at once).
    if (signal !== 'SIGTERM' && signal !== 'SIGHUP' && inTerminalForeground()) return;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (err) => {
    process.stderr.write(`encore: could not start ${process.execPath} (${err.message}).\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // End by the same signal, so a shell or supervisor sees what the child saw.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

/** True when this process is in its terminal's foreground process group (Linux: /proc). */
function inTerminalForeground() {
  try {
    // Fields after the command name: state, ppid, pgrp, session, tty_nr, tpgid, …
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return Number(fields[5]) > 0 && fields[5] === fields[2];
  } catch {
    return false;
  }
}
