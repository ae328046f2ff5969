package io.eddy.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.TopicPartition;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.kstream.SingleTopicLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards that records held back by suppress are restored from the buffer's changelog after a restart. */
class SuppressionBufferRestartTest {
    private static final TopicPartition INPUT = new TopicPartition("input", 0);
    private static final TopicPartition OUTPUT = new TopicPartition(ProcessorTestSupport.OUTPUT, 0);

    @TempDir
    Path dir;

    @Test
    void suppressedWindowIsEmittedAfterARestartFromTheRestoredBuffer() throws Exception {
        topics().append(true, topics().record("a", 1), topics().record("a", 3), topics().record("b", 14));
        runUntilCommitted(3);
        assertThat(outputs()).isEmpty();
        topics().append(false, topics().record("b", 15)); // closes [0,10) (grace 5) in the second run
        runUntilCommitted(4);
        assertThat(outputs()).containsExactly("[a@0/10]=(2<-null)@3");
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "suppress-restart");
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        return p;
    }

    private void runUntilCommitted(long offset) throws Exception {
        try (EddyStreams app = new EddyStreams(KTableSuppressProcessorTest.finalResultsTopology(), props())) {
            app.start();
            app.awaitCommittedOffset(INPUT, offset, Duration.ofSeconds(30));
        }
    }

    private SingleTopicLog topics() {
        return new SingleTopicLog(dir, INPUT, OUTPUT);
    }

    private List<String> outputs() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : topics().outputRecords(100, IsolationLevel.READ_UNCOMMITTED)) {
            out.add(new String(r.key(), StandardCharsets.UTF_8) + "=" + new String(r.value(),
                    StandardCharsets.UTF_8) + "@" + r.timestamp());
        }
        return out;
    }
}
