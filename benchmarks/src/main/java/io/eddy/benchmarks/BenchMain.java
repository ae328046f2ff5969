package io.eddy.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * End-to-end benchmarks: {@code java -jar benchmarks/target/eddy-benchmarks.jar <bench> [options]}. Every bench ends
 * by printing one machine-readable line {@code RESULT name=<bench> key=value ...}.
 */
@Command(name = "eddy-benchmarks", mixinStandardHelpOptions = true,
        description = "Eddy end-to-end benchmarks; each prints a RESULT line.",
        subcommands = {LogAppendBench.class, LogReadBench.class, StoreBench.class, RestoreBench.class,
            WordCountBench.class, WindowedCountBench.class, EnrichmentBench.class,
            RestartAfterCrashBench.class, EsAppendBench.class, EsLoadBench.class})
public final class BenchMain implements Runnable {

    /**
     * Runs the benchmark named by the first argument.
     *
     * @param args the bench name and its options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
