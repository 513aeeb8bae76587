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

  public Relay(String name) {
    this.name = name;
  }

  /** Accepts on {@code server} until it is closed, each connection relayed to {@code target}. */
  public void serve(ServerSocket server, int target) {
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                  sockets.add(client);
                  sockets.add(upstream);
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  // closed: the loop ends
                }
              }
            },
            name + "-accept");
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
            name + "-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Drops every relayed connection (open watches included). */
  public void dropAll() {
    for (Socket s : sockets) {
      close(s);
    }
  }

  private void close(Socket s) {
    sockets.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
