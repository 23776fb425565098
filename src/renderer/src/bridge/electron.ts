/**
 * The Electron bridge: wraps the preload's `window.encore` transport into a Bridge, turning
 * error replies into BridgeErrors (errors lose their class crossing the context bridge).
 */
import { BridgeError, type Bridge, type ShellBridge } from '../../../shared/bridge';
import type { PreloadApi } from '../../../preload/api';
import type {
  CallReply,
  EventName,
  EventPayload,
  MessageName,
  MethodName,
  MethodResult,
  ShellMethodArgs,
  ShellMethodName,
  ShellMethodResult,
} from '../../../shared/contract';

export class ElectronBridge implements Bridge {
  readonly kind = 'electron' as const;

  readonly shell: ShellBridge;

  constructor(private readonly api: PreloadApi) {
    this.shell = {
      invoke: async <M extends ShellMethodName>(
        method: M,
        args?: ShellMethodArgs<M>,
      ): Promise<ShellMethodResult<M>> => {
        const reply = (await api.invoke(method, args ?? {})) as CallReply<ShellMethodResult<M>>;
        if (!reply.ok) throw new BridgeError(reply.error);
        return reply.result;
      },
      pathForFile: (file) => api.pathForFile(file),
    };
  }

  async invoke<M extends MethodName>(method: M, args: unknown): Promise<MethodResult<M>> {
    const reply = (await this.api.invoke(method, args)) as CallReply<MethodResult<M>>;
    if (!reply.ok) throw new BridgeError(reply.error);
    return reply.result;
  }

  send<S extends MessageName>(message: S, args: unknown): void {
    this.api.send(message, args);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.api.on(event, listener as (payload: unknown) => void);
  }

  mediaUrl(trackId: number): string {
    return this.api.mediaUrl(trackId);
  }

  coverUrl(hash: string): string {
    return this.api.coverUrl(hash);
  }
}
