package io.eddy.cli;

import io.eddy.log.LogProducer;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code eddy produce}: appends the lines of stdin to a topic, one record per line. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Append each line of stdin to a topic as one record, until stdin ends.",
                "Lines end at '\\n' only; the value is the line's bytes as they are. Records are stamped with the"
                        + " current time. Without --partition, keyed records go where Kafka's default partitioner"
                        + " would put them and unkeyed ones are spread round-robin."})
final class ProduceCommand extends LogCommand {
    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic (must exist).")
    String topic;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Split each line at the first SEP: the key before it, the value after it. A line without"
                    + " SEP becomes a record without a key.")
    String keySeparator;

    @Option(names = "--partition", paramLabel = "P", description = "Append every record to partition P.")
    Integer partition;

    @Override
    public Integer call() {
        byte[] separator = separator();
        LineReader lines = new LineReader(console().in());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long count = 0;
        try (LogStore log = openForWriting(false)) {
            int partitions = log.partitionCount(topic); // fails naming the topic before a line is read
            if (partition != null && (partition < 0 || partition >= partitions)) {
                throw new CommandFailedException("topic " + topic + " has " + partitions + " partition"
                        + (partitions == 1 ? "" : "s") + "; there is no partition " + partition);
            }
            try (LogProducer producer = log.producer()) {
                byte[] line;
                while ((line = lines.next()) != null && failure.get() == null) {
                    producer.send(record(line, separator)).whenComplete((md, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    count++;
                }
                producer.flush();
            }
        } catch (IOException e) {
            throw new CommandFailedException("cannot read stdin: " + e.getMessage(), e);
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new CommandFailedException("appending to " + topic + " failed: " + e.getMessage(), e);
        }
        err().println("produced " + count + " record" + (count == 1 ? "" : "s") + " to " + topic);
        return ExitCode.OK;
    }

    private byte[] separator() {
        if (keySeparator == null) {
            return null;
        }
        if (keySeparator.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        return keySeparator.getBytes(StandardCharsets.UTF_8);
    }

    private ProducerRecord record(byte[] line, byte[] separator) {
        int at = separator == null ? -1 : indexOf(line, separator);
        if (at < 0) {
            return new ProducerRecord(topic, partition, null, line, -1L, null);
        }
        byte[] key = Arrays.copyOfRange(line, 0, at);
        byte[] value = Arrays.copyOfRange(line, at + separator.length, line.length);
        return new ProducerRecord(topic, partition, key, value, -1L, null);
    }

    private static int indexOf(byte[] line, byte[] separator) {
        outer:
        for (int i = 0; i <= line.length - separator.length; i++) {
            for (int j = 0; j < separator.length; j++) {
                if (line[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
