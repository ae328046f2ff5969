package io.eddy.examples;

import io.eddy.examples.EnrichmentTopology.PageView;
import io.eddy.examples.EnrichmentTopology.UserProfile;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic sample data for the enrichment example: the same (users, views, minutes, seed) always gives the same
 * profiles and the same page views with the same event times.
 *
 * <p>Users {@code user-001 ...} live in one of five regions. Views are spread evenly over {@code minutes} minutes
 * from {@link #START}, each shifted by up to ±3 s so that some arrive out of order (well within the grace period);
 * about one view in twenty-five comes from a guest without a profile, which the inner join drops. Profiles are
 * stamped one hour before the first view, so the table is loaded before any view is joined.
 *
 * @param profiles one profile per user
 * @param views the page views in the order they are appended
 */
record EnrichmentSampleData(List<UserProfile> profiles, List<TimedView> views) {
    /** Event time of the first view. */
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    static final List<String> REGIONS = List.of("eu-west", "us-east", "us-west", "ap-south", "sa-east");
    private static final List<String> PAGES = List.of("/", "/search", "/cart", "/checkout", "/help",
            "/product/espresso", "/product/grinder", "/product/kettle", "/account");
    private static final List<String> NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Leslie",
            "Donald", "Frances", "John");

    /** A page view and its event time. @param timestamp epoch ms @param view the view */
    record TimedView(long timestamp, PageView view) {
    }

    /**
     * @param users number of users with a profile
     * @param views number of page views
     * @param minutes the span of event time the views cover
     * @param seed the random seed
     * @return the sample data
     */
    static EnrichmentSampleData generate(int users, int views, int minutes, long seed) {
        if (users < 1 || views < 0 || minutes < 1) {
            throw new IllegalArgumentException("need users >= 1, views >= 0, minutes >= 1; users=" + users
                    + ", views=" + views + ", minutes=" + minutes);
        }
        Random random = new Random(seed);
        List<UserProfile> profiles = new ArrayList<>(users);
        for (int u = 1; u <= users; u++) {
            String id = String.format("user-%03d", u);
            profiles.add(new UserProfile(id, NAMES.get(random.nextInt(NAMES.size())) + " " + u,
                    REGIONS.get(random.nextInt(REGIONS.size()))));
        }
        List<TimedView> out = new ArrayList<>(views);
        long span = Duration.ofMinutes(minutes).toMillis();
        long start = START.toEpochMilli();
        for (int i = 0; i < views; i++) {
            long jitter = random.nextInt(6001) - 3000;
            long t = Math.min(start + span - 1, Math.max(start, start + i * span / Math.max(1, views) + jitter));
            String user = random.nextInt(25) == 0
                    ? "guest-" + random.nextInt(1000)
                    : profiles.get(random.nextInt(users)).userId();
            out.add(new TimedView(t, new PageView(user, PAGES.get(random.nextInt(PAGES.size())))));
        }
        return new EnrichmentSampleData(profiles, out);
    }

    /** Appends the profiles and the views, keyed by user id, each stamped with its event time. */
    void appendTo(LogStore log) {
        Serializer<UserProfile> profileSerializer =
                KryoSerde.of(UserProfile.class, EnrichmentTopology.REGISTRATIONS).serializer();
        Serializer<PageView> viewSerializer = KryoSerde.of(PageView.class, EnrichmentTopology.REGISTRATIONS).serializer();
        long profileTime = START.minus(Duration.ofHours(1)).toEpochMilli();
        List<ProducerRecord> profileRecords = new ArrayList<>();
        for (UserProfile p : profiles) {
            profileRecords.add(new ProducerRecord(EnrichmentTopology.PROFILES, 0, key(p.userId()),
                    profileSerializer.serialize(EnrichmentTopology.PROFILES, p), profileTime, null));
        }
        log.append(new TopicPartition(EnrichmentTopology.PROFILES, 0), profileRecords);
        List<ProducerRecord> viewRecords = new ArrayList<>();
        for (TimedView v : views) {
            viewRecords.add(new ProducerRecord(EnrichmentTopology.PAGE_VIEWS, 0, key(v.view().userId()),
                    viewSerializer.serialize(EnrichmentTopology.PAGE_VIEWS, v.view()), v.timestamp(), null));
        }
        log.append(new TopicPartition(EnrichmentTopology.PAGE_VIEWS, 0), viewRecords);
    }

    private static byte[] key(String userId) {
        return userId.getBytes(StandardCharsets.UTF_8);
    }
}
