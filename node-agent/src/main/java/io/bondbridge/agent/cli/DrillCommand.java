package io.bondbridge.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bondbridge.agent.drill.DrillReport;
import io.bondbridge.agent.drill.FailoverDrill;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPort;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "drill",
    description =
        "Fail each port of the BondBridge's bond in turn while the gateway is pinged every 10 ms,"
            + " and report how long the bond took to move its traffic, the pings lost, and how"
            + " long it took to be whole again. Refuses to start while a port is down or the"
            + " gateway does not answer; puts every port back.")
final class DrillCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Option(
      names = "--method",
      defaultValue = "link",
      description =
          "link: set each port's link down and up, as a pulled cable; active: switch the active"
              + " port to each backup port and back, as ifenslave -c (default: ${DEFAULT-VALUE}).")
  DrillMethod method;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  DrillCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    BondBridgeNodeSpec spec = options.spec();
    DrillReport report = new FailoverDrill(cli.runner(), cli.observer()).run(spec, method);
    PrintWriter out = commandSpec.commandLine().getOut();
    if (format == Format.json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.print(table(report));
    }
    if (report.isRefused()) {
      return CliException.REFUSED;
    }
    return report.ok() ? 0 : CliException.FAILED;
  }

  static String table(DrillReport report) {
    StringBuilder out = new StringBuilder();
    if (report.isRefused()) {
      out.append("refused, no port was failed:\n");
      report.refusals().forEach(r -> out.append("  - ").append(Printable.line(r)).append('\n'));
      return out.toString();
    }
    out.append("Drill of ")
        .append(report.bond())
        .append(" (")
        .append(
            report.method().equals("link") ? "each port's link set down" : "active port switched")
        .append("), gateway ")
        .append(report.gateway())
        .append(" pinged every 10 ms")
        .append(
            report.targets().isEmpty()
                ? ""
                : ", probe targets " + String.join(", ", report.targets()))
        .append('\n');
    Columns rows =
        new Columns()
            .row(
                "PORT",
                "WAS ACTIVE",
                "ACTIVE AFTER",
                "FAILOVER MS",
                "LOST",
                "LONGEST SILENCE MS",
                "BACK MS",
                "LOST BACK");
    for (DrillPort p : report.ports()) {
      rows.row(
          p.port(),
          p.wasActive() ? "yes" : "no",
          p.activeAfter(),
          p.failoverMillis() == null ? "not seen" : p.failoverMillis().toString(),
          Integer.toString(p.lost()),
          Long.toString(p.longestSilenceMillis()),
          p.restoreMillis() == null ? "not whole" : p.restoreMillis().toString(),
          Integer.toString(p.restoreLost()));
    }
    rows.appendTo(out, "  ");
    if (report.stopped() != null) {
      out.append(Printable.line(report.stopped())).append(" (every port was put back)\n");
    }
    return out.toString();
  }
}
