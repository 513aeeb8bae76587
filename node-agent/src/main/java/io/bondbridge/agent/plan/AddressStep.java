package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import java.util.ArrayList;
import java.util.List;

/** The steps on addresses: adding and deleting them, and the SLAAC interface identifier. */
public sealed interface AddressStep extends Step {

  /**
   * {@code ip addr add CIDR dev DEVICE}. An IPv6 address with lifetimes (SLAAC, or set by a daemon)
   * keeps them and its flags, and is added with {@code replace}: the kernel may have made the same
   * address from a router advertisement a moment before, and then only its lifetimes change.
   *
   * @param validLifetime seconds, or null for forever
   * @param flags among {@link Address#SETTABLE_FLAGS}, and nodad
   */
  record AddAddress(
      String device, String cidr, Long validLifetime, Long preferredLifetime, List<String> flags)
      implements AddressStep {
    public AddAddress {
      flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public AddAddress(String device, String cidr) {
      this(device, cidr, null, null, List.of());
    }

    /**
     * Adds the address as observed: an IPv6 one with its lifetimes and flags, and {@code nodad}: it
     * is moving between two interfaces on one link and passed duplicate address detection there
     * already; detecting it again would keep it from answering for a second.
     */
    public static AddAddress of(Address address) {
      if (!address.isIpv6()) {
        return new AddAddress(address.device(), address.cidr());
      }
      List<String> flags = new ArrayList<>(address.settableFlags());
      flags.add("nodad");
      return new AddAddress(
          address.device(),
          address.cidr(),
          address.validLifetime(),
          address.preferredLifetime(),
          flags);
    }

    public List<String> ipArgs() {
      return addressArgs(
          validLifetime != null ? "replace" : "add",
          device,
          cidr,
          validLifetime,
          preferredLifetime,
          flags);
    }

    public List<Step> undo() {
      return List.of(new DelAddress(device, cidr, validLifetime, preferredLifetime, flags));
    }
  }

  /**
   * {@code ip addr del CIDR dev DEVICE}; what an {@link AddAddress} needs to put it back as it was
   * (IPv6 lifetimes and flags) rides along.
   */
  record DelAddress(
      String device, String cidr, Long validLifetime, Long preferredLifetime, List<String> flags)
      implements AddressStep {
    public DelAddress {
      flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public DelAddress(String device, String cidr) {
      this(device, cidr, null, null, List.of());
    }

    /** Deletes the address as observed; undo adds it back with its lifetimes and flags. */
    public static DelAddress of(Address address) {
      AddAddress add = AddAddress.of(address);
      return new DelAddress(
          add.device(), add.cidr(), add.validLifetime(), add.preferredLifetime(), add.flags());
    }

    public List<String> ipArgs() {
      return List.of("addr", "del", cidr, "dev", device);
    }

    public List<Step> undo() {
      return List.of(new AddAddress(device, cidr, validLifetime, preferredLifetime, flags));
    }
  }

  /**
   * {@code ip addr replace CIDR dev DEVICE valid_lft forever preferred_lft forever}: a lease the
   * spec now names as the static address stays, without the lifetime that would have the kernel
   * delete it once no client renews it. Undo gives it back its lifetimes.
   */
  record MakeAddressPermanent(
      String device, String cidr, Long validLifetime, Long preferredLifetime)
      implements AddressStep {
    public static MakeAddressPermanent of(Address address) {
      return new MakeAddressPermanent(
          address.device(), address.cidr(), address.validLifetime(), address.preferredLifetime());
    }

    public List<String> ipArgs() {
      return List.of(
          "addr",
          "replace",
          cidr,
          "dev",
          device,
          "valid_lft",
          "forever",
          "preferred_lft",
          "forever");
    }

    public List<Step> undo() {
      return List.of(new AddAddress(device, cidr, validLifetime, preferredLifetime, List.of()));
    }
  }

  /**
   * {@code ip token set ::IID/64 dev DEVICE}: the interface identifier SLAAC uses on this interface
   * for every /64 prefix a router advertises, instead of one made from the MAC (EUI-64) or a secret
   * (stable privacy). Set to the identifier of an inherited SLAAC address, the router's next
   * advertisement refreshes that very address. A null token deletes it ({@code ip token del}).
   */
  record SetToken(String device, String token) implements AddressStep {
    public List<String> ipArgs() {
      return token == null
          ? List.of("token", "del", "dev", device)
          : List.of("token", "set", token, "dev", device);
    }

    public List<Step> undo() {
      return List.of(new SetToken(device, null));
    }
  }

  private static List<String> addressArgs(
      String verb,
      String device,
      String cidr,
      Long validLifetime,
      Long preferredLifetime,
      List<String> flags) {
    List<String> args = new ArrayList<>(List.of("addr", verb, cidr, "dev", device));
    if (validLifetime != null) {
      args.addAll(List.of("valid_lft", String.valueOf(validLifetime)));
      args.addAll(
          List.of(
              "preferred_lft",
              preferredLifetime == null ? "forever" : preferredLifetime.toString()));
    }
    args.addAll(flags);
    return args;
  }
}
