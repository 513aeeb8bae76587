package io.bondbridge.agent.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The REST paths of the objects the agent reads and writes. */
public final class ApiPaths {
  private ApiPaths() {}

  /** The collection of a cluster-scoped custom resource kind, from its class's annotations. */
  public static String collection(Class<? extends HasMetadata> kind) {
    return "/apis/"
        + HasMetadata.getGroup(kind)
        + "/"
        + HasMetadata.getVersion(kind)
        + "/"
        + HasMetadata.getPlural(kind);
  }

  /** One object of a cluster-scoped custom resource kind. */
  public static String object(Class<? extends HasMetadata> kind, String name) {
    return collection(kind) + "/" + segment(name);
  }

  /** Its status subresource. */
  public static String status(Class<? extends HasMetadata> kind, String name) {
    return object(kind, name) + "/status";
  }

  /** The core v1 Events of a namespace. */
  public static String events(String namespace) {
    return "/api/v1/namespaces/" + segment(namespace) + "/events";
  }

  public static String event(String namespace, String name) {
    return events(namespace) + "/" + segment(name);
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
