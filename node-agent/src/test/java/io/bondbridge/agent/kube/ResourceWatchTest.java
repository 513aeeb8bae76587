package io.bondbridge.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's list and watch against the fabric8 mock server's expectations (the CRUD mode cannot
 * answer a 410 Gone or keep a watch silent): what the API server can do to a watch, and that the
 * store and the handler follow. The CRUD mode's watch is covered by NodeAgentApiTest.
 */
class ResourceWatchTest {
  private static final String PATH = ApiPaths.collection(BondBridgeNode.class);
  private static final String SELECTOR = "bondbridge.io%2Fnode%3Dnode-a";
  private static final String LIST = PATH + "?labelSelector=" + SELECTOR;

  private final KubernetesMockServer server = new KubernetesMockServer(false);
  private final List<String> told = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private ResourceWatch<BondBridgeNode> watch;

  @BeforeEach
  void start() {
    server.init();
  }

  @AfterEach
  void stop() {
    if (watch != null) {
      watch.close();
    }
    server.destroy();
  }

  private void startWatch(Duration watchFor, Duration grace) {
    ApiClient api =
        new ApiClient(
            ApiEndpoint.plain(
                URI.create("http://" + server.getHostName() + ":" + server.getPort())),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            requests::add);
    watch =
        new ResourceWatch<>(
            api,
            PATH,
            "bondbridge.io/node=node-a",
            BondBridgeNode.class,
            c -> told.add(c.getMetadata().getName() + "@" + c.getMetadata().getResourceVersion()),
            watchFor,
            grace);
    watch.start();
  }

  private static String watchFrom(String version) {
    return PATH
        + "?allowWatchBookmarks=true&labelSelector="
        + SELECTOR
        + "&resourceVersion="
        + version
        + "&timeoutSeconds=1&watch=true";
  }

  private static BondBridgeNode child(String name, String version) {
    BondBridgeNode c = new BondBridgeNode();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withResourceVersion(version).build());
    return c;
  }

  private static Map<String, Object> list(String version, BondBridgeNode... items) {
    return Map.of("metadata", Map.of("resourceVersion", version), "items", List.of(items));
  }

  /** A watch from {@code version} that sends each event {@code millis} after the one before. */
  private void watchEmits(String version, long millis, WatchEvent... events) {
    var session = server.expect().withPath(watchFrom(version)).andUpgradeToWebSocket().open();
    for (WatchEvent e : events) {
      session = session.waitFor(millis).andEmit(e);
    }
    session.done().once();
  }

  /** Every watch from {@code version}: opened, and ended by the server at once. */
  private void watchEnds(String version) {
    server.expect().withPath(watchFrom(version)).andUpgradeToWebSocket().open().done().always();
  }

  private long lists() {
    return requests.stream().filter(r -> r.endsWith(LIST)).count();
  }

  @Test
  void aWatchEventReachesTheStoreAndAWatchTheServerEndsIsOpenedAgainFromItsLastVersion() {
    server.expect().get().withPath(LIST).andReturn(200, list("10", child("a", "10"))).once();
    watchEmits(
        "10",
        100,
        new WatchEvent(child("b", "11"), "ADDED"),
        new WatchEvent(child("a", "12"), "MODIFIED"),
        new WatchEvent(child("b", "13"), "DELETED"));
    watchEnds("13");
    startWatch(Duration.ofSeconds(1), Duration.ofSeconds(30));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests.stream().anyMatch(r -> r.endsWith(watchFrom("13"))));
    assertThat(told).containsExactly("a@10", "b@11", "a@12", "b@13");
    assertThat(watch.list()).extracting(c -> c.getMetadata().getName()).containsExactly("a");
    assertThat(watch.get("a").getMetadata().getResourceVersion()).isEqualTo("12");
    assertThat(lists()).as("a watch that ended is not a reason to list").isEqualTo(1);

    // each watch from 13 ends as soon as it opens: opened again a second later, not at once
    await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
    assertThat(requests.stream().filter(r -> r.endsWith(watchFrom("13"))).count())
        .as("not a busy loop")
        .isBetween(2L, 5L);
  }

  @Test
  void aGoneWatchListsAnewAndWhatTheListNoLongerHasIsDeleted() {
    server.expect().get().withPath(LIST).andReturn(200, list("10", child("a", "10"))).once();
    watchEmits(
        "10",
        100,
        new WatchEvent(
            new StatusBuilder().withCode(410).withMessage("too old resource version").build(),
            "ERROR"));
    server
        .expect()
        .get()
        .withPath(LIST)
        .andReturn(200, list("20", child("b", "15"), child("c", "16")))
        .once();
    watchEnds("20");
    startWatch(Duration.ofSeconds(1), Duration.ofSeconds(30));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests.stream().anyMatch(r -> r.endsWith(watchFrom("20"))));
    assertThat(told).containsExactlyInAnyOrder("a@10", "b@15", "c@16", "a@10");
    assertThat(told.get(told.size() - 1)).as("a, gone from the list, told last").isEqualTo("a@10");
    assertThat(watch.list())
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("b", "c");
    assertThat(lists()).isEqualTo(2);
  }

  @Test
  void aWatchSilentPastItsDeadlineIsGivenUpAndListedAnewAndAnUnchangedObjectIsNotToldAgain() {
    server.expect().get().withPath(LIST).andReturn(200, list("10", child("a", "10"))).times(2);
    // opened, then nothing for longer than its deadline: the connection of a node whose uplink
    // changed under it
    watchEmits("10", 8_000, new WatchEvent(child("a", "11"), "MODIFIED"));
    startWatch(Duration.ofSeconds(1), Duration.ofSeconds(1));

    await().atMost(Duration.ofSeconds(20)).until(() -> lists() >= 2);
    assertThat(told).as("the same version, listed again: nothing to tell").containsExactly("a@10");
    assertThat(watch.hasSynced()).isTrue();
  }

  @Test
  void aRefusedListIsTriedAgainUntilItIsAnsweredAndOnlyThenIsTheWatchSynced() {
    server.expect().get().withPath(LIST).andReturn(500, "{\"message\":\"etcd away\"}").once();
    server.expect().get().withPath(LIST).andReturn(200, list("10", child("a", "10"))).once();
    // a watch that stays open a while, as the API server's do
    watchEmits("10", 4_000, new WatchEvent(child("a", "11"), "MODIFIED"));
    startWatch(Duration.ofSeconds(1), Duration.ofSeconds(30));

    await().atMost(Duration.ofSeconds(10)).until(watch::hasSynced);
    assertThat(lists()).isEqualTo(2);
    assertThat(told).containsExactly("a@10");
    await().atMost(Duration.ofSeconds(10)).until(watch::isWatching);
    assertThat(watch.isAlive()).isTrue();
    watch.close();
    assertThat(watch.isAlive()).isFalse();
  }
}
