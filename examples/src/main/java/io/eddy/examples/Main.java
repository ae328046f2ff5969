package io.eddy.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the examples jar: {@code java -jar examples/target/eddy-examples.jar <example> [options]}. Each
 * example is a subcommand with its own {@code --help}.
 */
@Command(name = "eddy-examples", mixinStandardHelpOptions = true,
        description = "Runnable Eddy example apps on the embedded log.",
        subcommands = {WordCountCommand.class, LogDemo.class, EnrichmentCommand.class, FraudCommand.class,
                LogMetricsCommand.class, EventSourcingCommand.class})
public final class Main implements Runnable {

    /**
     * Runs the example named by the first argument.
     *
     * @param args the example name and its options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
