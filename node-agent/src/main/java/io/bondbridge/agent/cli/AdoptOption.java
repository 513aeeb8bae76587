package io.bondbridge.agent.cli;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import picocli.CommandLine.Option;

/** {@code --adopt}: the file's {@code spec.adopt: true}, for one command. */
final class AdoptOption {
  @Option(
      names = "--adopt",
      description =
          "Take over the bond, bridge and VLANs the file names if they exist already (made by"
              + " hand, ifupdown or ifcfg) and are of the kinds it names: they get BondBridge's"
              + " mark, what matches stays as it is, what differs is changed (spec.adopt: true).")
  boolean adopt;

  BondBridgeNodeSpec applyTo(BondBridgeNodeSpec spec) {
    return adopt ? new BondBridgeNodeSpecBuilder(spec).withAdopt(true).build() : spec;
  }
}
