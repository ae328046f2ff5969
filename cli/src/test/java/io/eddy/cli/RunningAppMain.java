package io.eddy.cli;

import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child-JVM main standing in for a running app: opens the log in {@code args[0]} for writing (holding its lock),
 * appends two records to topic {@code input}, commits group {@code app} at offset 1, creates its changelog
 * {@code app-store-changelog}, prints {@code OPEN}, and holds the log until killed.
 */
public final class RunningAppMain {
    private RunningAppMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LogStore log = LogStore.open(Path.of(args[0]), LogStoreOptions.defaults().withBackgroundMaintenance(false));
        log.createTopicIfAbsent("input", 1, TopicConfig.defaults());
        log.createTopicIfAbsent("app-store-changelog", 1, TopicConfig.defaults());
        TopicPartition tp = new TopicPartition("input", 0);
        log.append(tp, List.of(
                ProducerRecord.of("input", null, "first".getBytes(StandardCharsets.UTF_8)),
                ProducerRecord.of("input", null, "second".getBytes(StandardCharsets.UTF_8))));
        log.commitOffsets("app", Map.of(tp, OffsetAndMetadata.of(1)));
        System.out.println("OPEN");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
