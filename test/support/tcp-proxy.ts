import net from 'node:net';
import { once } from 'node:events';

/**
 * A TCP proxy in front of a server (PostgreSQL) that a test can cut: every open connection is
 * reset and new ones are refused until `restore()`, as when the database restarts or the
 * network between the two fails. Other tests' connections to the same server are untouched.
 */
export class TcpProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #down = false;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = net.createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => {
      if (proxy.#down) {
        client.resetAndDestroy();
        return;
      }
      const upstream = net.connect(upstreamPort, upstreamHost);
      for (const socket of [client, upstream]) {
        proxy.#sockets.add(socket);
        socket.on('close', () => proxy.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Resets every connection and refuses new ones. */
  cut(): void {
    this.#down = true;
    for (const socket of this.#sockets) socket.resetAndDestroy();
  }

  restore(): void {
    this.#down = false;
  }

  async close(): Promise<void> {
    this.cut();
    this.#server.close();
    await once(this.#server, 'close');
  }
}
