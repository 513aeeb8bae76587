package io.bondbridge.agent.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the mock API server whose cable can be pulled: {@link #cut()} drops every
 * connection (open watches included) and refuses new ones, as an API server outage looks to an
 * agent; {@link #restore()} listens again on the same port.
 */
final class CuttableProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  CuttableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    ServerSocket s = listen(0);
    this.port = s.getLocalPort();
    accept(s);
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void accept(ServerSocket s) {
    server = s;
    Thread t =
        new Thread(
            () -> {
              while (!s.isClosed()) {
                try {
                  Socket client = s.accept();
                  Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                  sockets.add(client);
                  sockets.add(upstream);
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  // closed by cut(): the loop ends
                }
              }
            },
            "proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side went away
              } finally {
                close(from);
                close(to);
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** The API server becomes unreachable: connections drop, new ones are refused. */
  void cut() {
    close(server);
    for (Socket s : sockets) {
      close(s);
    }
    sockets.clear();
  }

  void restore() throws IOException {
    accept(listen(port));
  }

  private static void close(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
