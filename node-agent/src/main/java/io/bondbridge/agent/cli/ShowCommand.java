package io.bondbridge.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.agent.host.HostState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    description = "Print the host as the agent sees it, with the /proc/net/bonding facts.")
final class ShowCommand implements Callable<Integer> {
  enum Format {
    table,
    json,
    yaml
  }

  private final BondBridgeCli cli;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin StateDirOption state;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  ShowCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    HostState host = cli.observer(state.stateDir).observe();
    String text =
        switch (format) {
          case table -> HostTable.render(host);
          case json ->
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(host);
          case yaml -> new ObjectMapper(new YAMLFactory()).writeValueAsString(host);
        };
    commandSpec.commandLine().getOut().println(text.stripTrailing());
    return 0;
  }
}
