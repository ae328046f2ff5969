package io.eddy.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test main class on this JVM's class path, for behaviour that needs two processes (the
 * directory lock, a read-only reader beside a writer, a store or app killed with SIGKILL). Shared with other modules'
 * tests through log-core's test jar. Its stdout lines are queued for {@link #awaitLine}; stderr goes
 * to a file quoted in failures. Closing kills it with SIGKILL.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final Thread reader;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::pumpStdout, "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Path workDir, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        Path stderr = Files.createTempFile(workDir, "child-", ".stderr");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        return new ChildJvm(p, stderr);
    }

    private void pumpStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child died; awaitLine reports it
        }
    }

    /** Waits for the next stdout line starting with {@code prefix}, skipping others; fails with the child's stderr. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("child JVM printed no line starting with '" + prefix + "' within " + timeout
                        + " (alive=" + process.isAlive() + "); stderr:\n" + stderrText());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** @return every stdout line received and not yet consumed */
    public List<String> drainLines() {
        List<String> out = new ArrayList<>();
        lines.drainTo(out);
        return out;
    }

    /**
     * After the child died: waits until every line it printed has been read, then returns those not taken yet.
     */
    public List<String> remainingLinesAfterExit(Duration timeout) throws InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("the child JVM is still running");
        }
        reader.join(timeout.toMillis());
        return drainLines();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM did not exit within " + timeout + "; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    public String stderrText() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderr + ": " + e + ")";
        }
    }

    /** Kills the child with SIGKILL and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
