package io.bondbridge.operator;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warning Events on a BondBridge, in the one namespace Events of our cluster-scoped objects go to
 * (as the agent's). Written when the problem is first reported (the status changes), so a repeat
 * makes no new object. An Event that cannot be written is logged and dropped: the status says it
 * too.
 */
final class BondBridgeEvents {
  private static final Logger LOG = LoggerFactory.getLogger(BondBridgeEvents.class);

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  BondBridgeEvents(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  void warn(BondBridge bb, String reason, String message) {
    String at = clock.instant().toString();
    String name =
        bb.getMetadata().getName()
            + "."
            + Long.toHexString(clock.millis())
            + sequence.getAndIncrement();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(bb.getApiVersion())
                  .withKind(bb.getKind())
                  .withName(bb.getMetadata().getName())
                  .withUid(bb.getMetadata().getUid())
                  .endInvolvedObject()
                  .withReason(reason)
                  .withMessage(message)
                  .withType("Warning")
                  .withFirstTimestamp(at)
                  .withLastTimestamp(at)
                  .withCount(1)
                  .withNewSource()
                  .withComponent("bondbridge-operator")
                  .endSource()
                  .withReportingComponent("bondbridge.io/operator")
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot write the {} Event of BondBridge {} in namespace {} ({}): {}",
          reason,
          bb.getMetadata().getName(),
          namespace,
          e.getCode(),
          message);
    }
  }
}
