package io.eddy.cli;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogException;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicPartition;
import io.eddy.log.WakeupException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code eddy consume}: prints a topic's records, read-only (it never commits offsets, so it does not disturb any
 * group). Stops at the log end as it was when the command started, unless following.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Print the records of a topic, by default the value alone, one per line.",
                "Reads the log read-only and commits nothing, so it works beside a running app. Without a start"
                        + " option it starts at the log end, as Kafka's console consumer does. Records of different"
                        + " partitions interleave; within a partition they come in offset order."})
final class ConsumeCommand extends LogCommand {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic.")
    String topic;

    @ArgGroup(exclusive = true)
    Start start;

    @Option(names = "--partition", paramLabel = "P", description = "Read partition P only (default: all).")
    Integer partition;

    @Option(names = "--follow", description = "Keep printing records as they are appended, until interrupted"
            + " (Ctrl-C).")
    boolean follow;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "value",
            description = "value (default), kv (key SEP value), json (one object per line), full (partition,"
                    + " offset, timestamp, headers, key, value).")
    RecordFormat format;

    @Option(names = "--key-separator", paramLabel = "SEP", defaultValue = "\t",
            description = "What separates key and value in the kv format (default: a tab).")
    String keySeparator;

    /** Where to start in each partition; at most one. */
    static final class Start {
        @Option(names = "--from-beginning", description = "Start at the first record of each partition.")
        boolean fromBeginning;

        @Option(names = "--offset", paramLabel = "N", description = "Start at offset N of each partition read.")
        Long offset;

        @Option(names = "--from-time", paramLabel = "TIME", converter = IsoInstantConverter.class,
                description = "Start at the first record stamped at or after TIME (ISO-8601, e.g."
                        + " 2024-05-01T12:00:00Z).")
        Instant fromTime;
    }

    @Override
    public Integer call() throws IOException {
        if (start != null && start.offset != null && start.offset < 0) {
            throw new ParameterException(spec.commandLine(), "--offset must not be negative, was " + start.offset);
        }
        byte[] separator = keySeparator.getBytes(StandardCharsets.UTF_8);
        try (LogStore log = openReadOnly();
             LogConsumer consumer = log.consumer(ConsumerConfig.of(null).withMaxPollRecords(1_000))) {
            List<TopicPartition> partitions = partitions(log);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                ends.put(tp, log.endOffset(tp));
                consumer.seek(tp, startOffset(log, tp, ends.get(tp)));
            }
            OutputStream out = console().out();
            if (follow) {
                follow(consumer, out, separator);
            } else {
                while (!reached(consumer, ends)) {
                    print(consumer.poll(POLL), out, separator);
                }
                out.flush();
            }
        }
        return ExitCode.OK;
    }

    private List<TopicPartition> partitions(LogStore log) {
        int count = log.partitionCount(topic);
        if (partition != null) {
            if (partition < 0 || partition >= count) {
                throw new CommandFailedException("topic " + topic + " has " + count + " partition"
                        + (count == 1 ? "" : "s") + "; there is no partition " + partition);
            }
            return List.of(new TopicPartition(topic, partition));
        }
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            all.add(new TopicPartition(topic, p));
        }
        return all;
    }

    private long startOffset(LogStore log, TopicPartition tp, long end) {
        if (start == null) {
            return end;
        }
        if (start.fromBeginning) {
            return log.startOffset(tp);
        }
        if (start.fromTime != null) {
            return log.offsetForTimestamp(tp, start.fromTime.toEpochMilli()).orElse(end);
        }
        long first = log.startOffset(tp);
        if (start.offset < first) {
            throw new CommandFailedException("offset " + start.offset + " of " + tp + " is no longer in the log,"
                    + " which starts at " + first + " (retention or compaction removed what came before)");
        }
        return Math.min(start.offset, end);
    }

    private static boolean reached(LogConsumer consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Polls until interrupted: SIGINT (a shutdown hook wakes the consumer) or, in-process, a thread interrupt. */
    private void follow(LogConsumer consumer, OutputStream out, byte[] separator) throws IOException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onSigint = new Thread(() -> {
            consumer.wakeup();
            try {
                stopped.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS); // let the loop flush what it printed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "eddy-consume-stop");
        Runtime.getRuntime().addShutdownHook(onSigint);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<LogRecord> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    break;
                } catch (LogException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        break; // the poll's sleep was interrupted
                    }
                    throw e;
                }
                print(records, out, separator);
                out.flush();
            }
        } finally {
            out.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSigint);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM exits once it returns
            }
        }
    }

    private void print(List<LogRecord> records, OutputStream out, byte[] separator) throws IOException {
        for (LogRecord r : records) {
            format.write(r, out, separator);
        }
    }
}
