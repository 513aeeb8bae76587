package io.bondbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relays each connection a server socket accepts to a loopback port, bytes both ways, one thread a
 * direction: the body of a test's proxy in front of the mock API server (a cuttable one, a TLS
 * front).
 */
public final class Relay {
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final String name;
  private ServerSocket server;
  private Thread acceptor;

  public Relay(String name) {
    this.name = name;
  }

  /**
   * Accepts on {@code server} until {@link #stop()}, each connection relayed to {@code target}. One
   * server at a time: a relay serves again only after {@link #stop()}.
   */
  public synchronized void serve(ServerSocket server, int target) {
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                Socket client;
                try {
                  client = server.accept();
                } catch (IOException e) {
                  return; // closed
                }
                sockets.add(client);
                if (server.isClosed()) {
                  close(client); // accepted while stop() closed the socket
                  return;
                }
                try {
                  Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                  sockets.add(upstream);
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  close(client); // the target is gone: the client sees its connection end
                }
              }
            },
            name + "-accept");
    t.setDaemon(true);
    this.server = server;
    this.acceptor = t;
    t.start();
  }

  /**
   * Stops serving: closes the server socket and waits for the accepting thread to end, then drops
   * every relayed connection. Closing a socket another thread is blocked accepting on leaves it
   * listening until that thread wakes: a connection made in between would be accepted after {@code
   * close()} returned, so a cut proxy answered now and then without the wait.
   */
  public synchronized void stop() {
    if (server != null) {
      close(server);
      try {
        acceptor.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
      acceptor = null;
    }
    dropAll();
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
            name + "-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Drops every relayed connection (open watches included). */
  private void dropAll() {
    for (Socket s : sockets) {
      close(s);
    }
  }

  private void close(Socket s) {
    sockets.remove(s);
    close((AutoCloseable) s);
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
