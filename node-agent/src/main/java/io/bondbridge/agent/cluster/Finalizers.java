package io.bondbridge.agent.cluster;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiException;
import io.bondbridge.agent.kube.ApiPaths;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's finalizer on its BondBridgeNodes: put on when it first takes one up, removed once the
 * host is torn down (or orphaned), so the object is never gone while its devices are still there.
 * Each change is an update locked to the resourceVersion the watch showed: if anything changed
 * meanwhile it fails with a conflict, and the watch brings the new version to decide on.
 */
final class Finalizers {
  private static final Logger LOG = LoggerFactory.getLogger(Finalizers.class);

  /** The finalizer on every BondBridgeNode the agent picked up (the operator's contract). */
  static final String NAME = BondBridgeNode.AGENT_FINALIZER;

  /** How a change of the finalizers ended. */
  enum Result {
    DONE,
    /** The object is gone. */
    GONE,
    /** Changed meanwhile: the watch brings the new version. */
    CONFLICT,
    /** The API server did not answer: try again later. */
    UNREACHABLE
  }

  private final ApiClient client;

  Finalizers(ApiClient client) {
    this.client = client;
  }

  static boolean has(BondBridgeNode obj) {
    return obj.hasFinalizer(NAME);
  }

  Result add(BondBridgeNode obj) {
    return change(obj, list -> list.add(NAME));
  }

  Result remove(BondBridgeNode obj) {
    return change(obj, list -> list.remove(NAME));
  }

  private Result change(BondBridgeNode seen, Consumer<List<String>> edit) {
    String name = seen.getMetadata().getName();
    List<String> before = seen.getMetadata().getFinalizers();
    List<String> after = new ArrayList<>(before);
    edit.accept(after);
    List<Map<String, Object>> ops =
        before.isEmpty()
            ? List.of(Map.of("op", "add", "path", "/metadata/finalizers", "value", after))
            : List.of(
                Map.of("op", "test", "path", "/metadata/finalizers", "value", before),
                Map.of("op", "replace", "path", "/metadata/finalizers", "value", after));
    try {
      client.jsonPatch(ApiPaths.object(BondBridgeNode.class, name), ops);
      return Result.DONE;
    } catch (ApiException e) {
      if (e.code() == 404) {
        return Result.GONE;
      }
      if (e.code() == 409 || e.code() == 422) {
        LOG.debug("{}: finalizers changed meanwhile; the watch brings the new ones", name);
        return Result.CONFLICT;
      }
      LOG.warn("{}: cannot patch finalizers ({}), tried again later", name, e.brief());
      return Result.UNREACHABLE;
    }
  }
}
