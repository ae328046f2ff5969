package io.eddy.examples;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogProducer;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicDescription;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded log on its own: appends the lines of a text file to topic {@code text-lines} (4 partitions, keyed by
 * line number so each line lands where Kafka's partitioner would put it), then reads everything new since the
 * consumer group's last committed position, commits, and prints what the log holds. Running it again continues
 * from the committed position.
 */
@Command(name = "log-demo", mixinStandardHelpOptions = true,
        description = "Append a text file to the embedded log and read it back through a consumer group.")
final class LogDemo implements Callable<Integer> {
    @Option(names = "--input", description = "text file to append (default: ${DEFAULT-VALUE})",
            defaultValue = "examples/data/sample.txt")
    Path input;

    @Option(names = "--data-dir", description = "Eddy data directory; the log lives in its log/ folder"
            + " (default: ${DEFAULT-VALUE})", defaultValue = "eddy-data")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        String topic = "text-lines";
        try (LogStore log = LogStore.open(dataDir.resolve("log"))) {
            log.createTopicIfAbsent(topic, 4, TopicConfig.defaults());
            long appended = 0;
            long t0 = System.nanoTime();
            try (LogProducer producer = log.producer();
                 BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    producer.send(topic, Long.toString(appended).getBytes(StandardCharsets.UTF_8),
                            line.getBytes(StandardCharsets.UTF_8), -1, null);
                    appended++;
                }
            }
            long appendMicros = (System.nanoTime() - t0) / 1000;
            long consumed = 0;
            LogRecord first = null;
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of("log-demo"))) {
                consumer.subscribe(List.of(topic));
                List<LogRecord> batch;
                while (!(batch = consumer.poll(Duration.ofMillis(200))).isEmpty()) {
                    if (first == null) {
                        first = batch.get(0);
                    }
                    consumed += batch.size();
                }
                consumer.commitSync();
            }
            System.out.printf("appended %d lines from %s to topic %s in %d us%n", appended, input, topic, appendMicros);
            System.out.printf("consumed %d new lines since the last commit of group log-demo%n", consumed);
            if (first != null) {
                System.out.printf("first new line (partition %d, offset %d): %s%n", first.partition(), first.offset(),
                        new String(first.value(), StandardCharsets.UTF_8));
            }
            TopicDescription d = log.describeTopic(topic);
            for (TopicDescription.PartitionInfo p : d.partitions()) {
                System.out.printf("  %s-%d: offsets [%d, %d), %d bytes in %d segment(s)%n", topic, p.partition(),
                        p.startOffset(), p.endOffset(), p.sizeInBytes(), p.segmentCount());
            }
            System.out.println("log directory: " + log.directory());
            return consumed >= appended ? 0 : 1;
        }
    }
}
