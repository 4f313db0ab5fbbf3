import { once } from 'node:events';
import net from 'node:net';

export interface Cable {
  port: number;
  /** Refuses new connections and cuts every open one: the far end is unreachable. */
  unplug(): Promise<void>;
  /** Listens again on the same port. */
  plug(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP forwarder to `target` that a test can unplug: the gateway connects to Postgres through it,
 * so "Postgres unreachable" cuts only Postgres (the gateway and its Redis stay up) and the shared
 * Postgres itself is never stopped.
 */
export async function tcpCable(target: { host: string; port: number }): Promise<Cable> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as net.AddressInfo).port;
  };
  const unplug = async () => {
    if (!server) return;
    const closed = once(server, 'close');
    server.close();
    for (const socket of sockets) socket.destroy();
    await closed;
    server = undefined;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    unplug,
    plug: () => (server ? Promise.resolve() : listen()),
    close: unplug,
  };
}
