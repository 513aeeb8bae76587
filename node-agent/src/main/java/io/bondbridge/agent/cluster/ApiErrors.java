package io.bondbridge.agent.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** How the API server's refusals read in the agent's log. */
final class ApiErrors {
  private ApiErrors() {}

  /** {@code HTTP 409 ...}, or the root cause when no answer came (connection refused). */
  static String brief(KubernetesClientException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return e.getCode() > 0 ? "HTTP " + e.getCode() + " " + e.getMessage() : cause.toString();
  }
}
