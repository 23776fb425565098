/**
 * Runs contract calls for every transport (Electron IPC, the HTTP host): checks the method name,
 * validates the payload against the contract's schema, runs the handler and wraps the outcome in
 * the contract's reply envelope. A bad payload never reaches a handler; a handler's failure
 * becomes an error reply, never a crash of the transport.
 */
import { z } from 'zod';
import {
  isMessageName,
  isMethodName,
  isShellMethodName,
  messages,
  methods,
  shellMethods,
  type ShellMethodName,
  type ShellMethodResult,
  type CallError,
  type CallReply,
  type MessageName,
  type MethodName,
  type MethodResult,
} from '../../shared/contract';
import { createLogger } from '../log';

const log = createLogger('ipc');

/** One handler per contract method, given its validated arguments. */
export type Handlers = {
  [M in MethodName]: (args: z.output<(typeof methods)[M]['args']>) => Promise<MethodResult<M>>;
};
/** One handler per shell-only method (the Electron transport's native dialogs). */
export type ShellHandlers = {
  [M in ShellMethodName]: (
    args: z.output<(typeof shellMethods)[M]['args']>,
  ) => Promise<ShellMethodResult<M>>;
};
/** One handler per fire-and-forget message. */
export type MessageHandlers = {
  [S in MessageName]: (args: z.output<(typeof messages)[S]>) => Promise<void>;
};

/** A failure a handler reports on purpose, with the contract's error code. */
export class CallFailure extends Error {
  constructor(
    readonly code: CallError['code'],
    message: string,
  ) {
    super(message);
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`)
    .join('; ');
}

/**
 * Validates and runs one method call; never throws. `shell` handlers (the Electron transport
 * only) answer the shell-only methods; without them those names are unknown, as on the HTTP host.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  payload: unknown,
  shell?: ShellHandlers,
): Promise<CallReply<unknown>> {
  if (shell && isShellMethodName(name)) {
    return run(
      name,
      shellMethods[name].args,
      shell[name] as (args: unknown) => Promise<unknown>,
      payload,
    );
  }
  if (!isMethodName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown-method',
        message: `unknown method ${JSON.stringify(String(name)).slice(0, 80)}`,
      },
    };
  }
  return run(
    name,
    methods[name].args,
    handlers[name] as (args: unknown) => Promise<unknown>,
    payload,
  );
}

async function run(
  name: string,
  schema: z.ZodType,
  handler: (args: unknown) => Promise<unknown>,
  payload: unknown,
): Promise<CallReply<unknown>> {
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-payload', message: `${name}: ${describe(parsed.error)}` },
    };
  }
  try {
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof CallFailure)
      return { ok: false, error: { code: err.code, message: err.message } };
    log.error(`${name} failed`, err);
    return { ok: false, error: { code: 'failed', message: (err as Error).message ?? String(err) } };
  }
}

/** Validates and runs one message; failures are logged (nobody waits for a reply). */
export async function deliver(
  handlers: MessageHandlers,
  name: unknown,
  payload: unknown,
): Promise<boolean> {
  if (!isMessageName(name)) {
    log.warn('unknown message', String(name).slice(0, 80));
    return false;
  }
  const parsed = messages[name].safeParse(payload ?? {});
  if (!parsed.success) {
    log.warn(`${name}: invalid payload`, describe(parsed.error));
    return false;
  }
  try {
    await handlers[name](parsed.data);
    return true;
  } catch (err) {
    log.error(`${name} failed`, err);
    return false;
  }
}
