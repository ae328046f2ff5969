package io.eddy.streams.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Runs an app's main class in a child JVM and kills it with SIGKILL at random moments, to prove crash safety: the
 * same command is started again after each kill, and finally run to completion, after which the caller compares its
 * results with a fault-free reference. Delays come from a seeded {@link Random}, so a failing run replays with its
 * seed. Each child's output goes to {@code <logDir>/child-<n>.log}.
 *
 * <p>Thread safety: one harness is driven by one thread.
 */
public final class CrashHarness {
    private final String mainClass;
    private final List<String> args;
    private final String classpath;
    private final List<String> jvmArgs;
    private final Path logDir;
    private Path lastLog;
    private final Random random;
    private final long seed;
    private int started;
    private int kills;

    private CrashHarness(Builder b) {
        this.mainClass = b.mainClass;
        this.args = List.copyOf(b.args);
        this.classpath = b.classpath;
        this.jvmArgs = List.copyOf(b.jvmArgs);
        this.logDir = b.logDir;
        this.seed = b.seed;
        this.random = new Random(b.seed);
    }

    /**
     * @param mainClass the fully qualified main class to run
     * @param logDir where children's output goes
     * @return a builder
     */
    public static Builder builder(String mainClass, Path logDir) {
        return new Builder(mainClass, logDir);
    }

    /** Configures a {@link CrashHarness}. Not thread-safe. */
    public static final class Builder {
        private final String mainClass;
        private final Path logDir;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
        private String classpath = System.getProperty("java.class.path");
        private long seed = System.nanoTime();

        private Builder(String mainClass, Path logDir) {
            this.mainClass = Objects.requireNonNull(mainClass, "main class");
            this.logDir = Objects.requireNonNull(logDir, "log dir");
        }

        /**
         * @param args program arguments
         * @return this
         */
        public Builder args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        /**
         * @param jvmArgs extra JVM arguments
         * @return this
         */
        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.addAll(List.of(jvmArgs));
            return this;
        }

        /**
         * @param classpath the child's class path (default: this JVM's)
         * @return this
         */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /**
         * @param seed seeds the kill delays
         * @return this
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the harness */
        public CrashHarness build() {
            return new CrashHarness(this);
        }
    }

    /** @return the seed of the kill delays (print it in assertion messages) */
    public long seed() {
        return seed;
    }

    /** @return how many children were killed so far */
    public int kills() {
        return kills;
    }

    private Process start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        File log = logDir.resolve("child-" + (started++) + ".log").toFile();
        lastLog = log.toPath();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * Starts the child {@code times} times, killing each with SIGKILL after a random delay in
     * {@code [minDelayMs, maxDelayMs]} — unless it exits by itself first.
     *
     * @return how many of the runs exited by themselves before their kill (a run that finished its work)
     * @throws IllegalStateException if a run exited by itself with a non-zero code (it failed); the message quotes
     *     the end of its output
     */
    public int runAndKill(int times, long minDelayMs, long maxDelayMs) throws IOException, InterruptedException {
        int finished = 0;
        for (int i = 0; i < times; i++) {
            Process p = start();
            long delay = minDelayMs + (long) (random.nextDouble() * (maxDelayMs - minDelayMs));
            if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("child " + mainClass + " run " + (started - 1) + " failed by itself"
                            + " with exit code " + p.exitValue() + " (seed " + seed + "); its output ends with:\n"
                            + lastLogTail(40));
                }
                finished++;
                continue;
            }
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
            p.waitFor();
            kills++;
        }
        return finished;
    }

    /**
     * @param lines how many lines
     * @return the last lines of the most recently started child's output (stdout and stderr), or "" before any
     */
    public String lastLogTail(int lines) {
        if (lastLog == null) {
            return "";
        }
        try {
            List<String> all = java.nio.file.Files.readAllLines(lastLog, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + lastLog + ": " + e + ")";
        }
    }

    /**
     * Runs the child without interference until it exits.
     *
     * @param timeoutMs the longest wait
     * @return its exit code
     * @throws IllegalStateException if it did not exit in time (it is killed)
     */
    public int runToCompletion(long timeoutMs) throws IOException, InterruptedException {
        Process p = start();
        if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new IllegalStateException("child " + mainClass + " did not finish within " + timeoutMs
                    + " ms (seed " + seed + "); see " + logDir);
        }
        return p.exitValue();
    }
}
