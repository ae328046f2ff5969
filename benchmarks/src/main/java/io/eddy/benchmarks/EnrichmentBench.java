package io.eddy.benchmarks;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.kstream.StreamsBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Stream-table join end to end: a table of 100,000 user profiles and a stream of page views keyed by user id, joined
 * into enriched views written to an output topic. Profiles and views are produced first (profiles with earlier
 * timestamps, so every view finds its user); the app runs until everything is committed; the output must hold one
 * enriched record per view.
 */
@Command(name = "enrichment", mixinStandardHelpOptions = true, description = "Stream-table join throughput.")
final class EnrichmentBench implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "100000")
    int users;

    @Option(names = "--views", defaultValue = "2000000")
    int views;

    @Option(names = "--dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            Random rnd = new Random(11);
            try (LogStore log = LogStore.open(scratch.path().resolve("log"))) {
                log.createTopic("profiles", 1, TopicConfig.defaults());
                log.createTopic("views", 1, TopicConfig.defaults());
                log.createTopic("enriched", 1, TopicConfig.defaults());
                List<ProducerRecord> batch = new ArrayList<>();
                for (int u = 0; u < users; u++) {
                    batch.add(new ProducerRecord("profiles", 0, ("user-" + u).getBytes(StandardCharsets.UTF_8),
                            ("region-" + (u % 20)).getBytes(StandardCharsets.UTF_8), 0, null));
                    if (batch.size() == 5000) {
                        log.append(new TopicPartition("profiles", 0), batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    log.append(new TopicPartition("profiles", 0), batch);
                    batch.clear();
                }
                for (int v = 0; v < views; v++) {
                    batch.add(new ProducerRecord("views", 0, ("user-" + rnd.nextInt(users))
                            .getBytes(StandardCharsets.UTF_8), ("/page/" + (v % 1000)).getBytes(StandardCharsets.UTF_8),
                            1 + v, null));
                    if (batch.size() == 5000) {
                        log.append(new TopicPartition("views", 0), batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    log.append(new TopicPartition("views", 0), batch);
                }
            }
            StreamsBuilder b = new StreamsBuilder();
            KTable<String, String> profiles = b.table("profiles", Consumed.with(Serdes.String(), Serdes.String()));
            b.stream("views", Consumed.with(Serdes.String(), Serdes.String()))
                    .join(profiles, (page, region) -> region + " " + page)
                    .to("enriched", Produced.with(Serdes.String(), Serdes.String()));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrichment-bench");
            props.put(StreamsConfig.DATA_DIR_CONFIG, scratch.path().toString());
            long t0 = System.nanoTime();
            try (EddyStreams app = new EddyStreams(b.build(), props)) {
                app.start();
                app.awaitCommittedOffset(new TopicPartition("profiles", 0), users, Duration.ofHours(1));
                app.awaitCommittedOffset(new TopicPartition("views", 0), views, Duration.ofHours(1));
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%d profiles + %d views joined in %.2f s%n", users, views, secs);
                new Results("enrichment").put("records_per_s", Math.round((users + views) / secs))
                        .put("views_per_s", Math.round(views / secs)).print();
            }
            try (LogStore log = LogStore.openReadOnly(scratch.path().resolve("log"))) {
                long out = log.endOffset(new TopicPartition("enriched", 0));
                if (out != views) {
                    throw new IllegalStateException("enriched topic holds " + out + " records, expected " + views);
                }
            }
        }
        return 0;
    }
}
