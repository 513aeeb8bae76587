package io.bondbridge.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file for a separate process (e.g. the agent's real jar) to reach a server. */
final class Kubeconfig {
  private Kubeconfig() {}

  /** A temporary kubeconfig whose one context is the server at {@code url}, with a token. */
  static Path write(String url) throws IOException {
    Path file = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{name: mock, cluster: {server: \"" + url + "\"}}]",
            "users: [{name: agent, user: {token: mock}}]",
            "contexts: [{name: mock, context: {cluster: mock, user: agent, namespace: default}}]",
            "current-context: mock",
            ""));
    return file;
  }
}
