package io.bondbridge.agent.safety;

import io.bondbridge.api.v1alpha1.Probes;
import java.util.ArrayList;
import java.util.List;

/** The probes a spec asks for, from its {@code probes} section. Pure. */
public final class ProbeSet {
  private ProbeSet() {}

  /**
   * @param apiServer host and port of the Kubernetes API server, or null outside a cluster
   */
  public static List<Probe> of(Probes probes, Probe.Tcp apiServer) {
    Probes p = probes == null ? Probes.defaults() : probes;
    List<Probe> list = new ArrayList<>();
    if (!Boolean.FALSE.equals(p.gateway())) {
      list.add(new Probe.Gateway());
    }
    if (!Boolean.FALSE.equals(p.apiServer()) && apiServer != null) {
      list.add(apiServer);
    }
    if (p.targets() != null) {
      for (Probes.Target target : p.targets()) {
        list.add(
            target.port() == null
                ? new Probe.Ping(target.address())
                : new Probe.Tcp("target", target.address(), target.port()));
      }
    }
    return list;
  }
}
