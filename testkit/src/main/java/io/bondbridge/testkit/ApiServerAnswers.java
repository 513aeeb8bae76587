package io.bondbridge.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * What the mock API server answers itself, before its CRUD store: the answers a real API server
 * gives that the store cannot (an access review, an admission refusal).
 */
final class ApiServerAnswers {
  private final KubernetesMockServer server;

  ApiServerAnswers(KubernetesMockServer server) {
    this.server = server;
  }

  /**
   * Lets leader election start: JOSDK first checks its access to Leases with a
   * SelfSubjectRulesReview, which the CRUD mock would only store and echo back without a status.
   * Answered here, always, with get/create/update on leases.coordination.k8s.io; the Leases
   * themselves live in the CRUD store.
   */
  void allowLeases() {
    SelfSubjectRulesReview review =
        new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update")
            .endResourceRule()
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
  }

  /**
   * The API server refuses the next create of a {@code type} (BondBridge or BondBridgeNode) with
   * this code and message, as a real one would for an admission webhook or policy (the CRUD mock
   * validates nothing).
   */
  void refuseNextCreate(
      Class<? extends HasMetadata> type, int code, String reason, String message) {
    server
        .expect()
        .post()
        .withPath("/apis/bondbridge.io/v1alpha1/" + HasMetadata.getPlural(type))
        .andReturn(
            code,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build())
        .once();
  }
}
