/**
 * The browser bridge: the contract over HTTP (POST /api/call/<method>) and engine events over a
 * WebSocket (/api/events), both authorised by the cookie the host set when the page was opened
 * with its token. Reconnects the socket with back-off if the host restarts.
 */
import { BridgeError, type Bridge } from '../../../shared/bridge';
import type {
  CallReply,
  EventName,
  EventPayload,
  MessageName,
  MethodName,
  MethodResult,
} from '../../../shared/contract';

type AnyListener = (payload: unknown) => void;

export class HttpBridge implements Bridge {
  readonly kind = 'http' as const;
  private readonly listeners = new Map<string, Set<AnyListener>>();
  private socket: WebSocket | null = null;
  private retryMs = 500;

  constructor(private readonly origin: string) {}

  async invoke<M extends MethodName>(method: M, args: unknown): Promise<MethodResult<M>> {
    const res = await fetch(`${this.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
      credentials: 'same-origin',
    });
    if (!res.ok)
      throw new BridgeError({ code: 'failed', message: `${method}: HTTP ${res.status}` });
    const reply = (await res.json()) as CallReply<MethodResult<M>>;
    if (!reply.ok) throw new BridgeError(reply.error);
    return reply.result;
  }

  send<S extends MessageName>(message: S, args: unknown): void {
    void fetch(`${this.origin}/api/send/${message}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
      credentials: 'same-origin',
      // Lets the last position save finish while the page is closing.
      keepalive: true,
    }).catch(() => undefined);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<AnyListener>();
    set.add(listener as AnyListener);
    this.listeners.set(event, set);
    this.connect();
    return () => set.delete(listener as AnyListener);
  }

  mediaUrl(trackId: number): string {
    return `${this.origin}/media/track/${trackId}`;
  }

  coverUrl(hash: string): string {
    return `${this.origin}/media/cover/${encodeURIComponent(hash)}`;
  }

  private connect(): void {
    if (this.socket) return;
    const socket = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/api/events`);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
    };
    socket.onmessage = (msg: MessageEvent<string>) => {
      const frame = JSON.parse(msg.data) as { event: string; payload: unknown };
      for (const listener of this.listeners.get(frame.event) ?? []) listener(frame.payload);
    };
    socket.onclose = () => {
      this.socket = null;
      // Back off up to 10 s so a stopped host is not hammered.
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }
}
