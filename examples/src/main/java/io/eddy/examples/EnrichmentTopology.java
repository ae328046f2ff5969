package io.eddy.examples;

import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.Serdes;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.Joined;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.kstream.StreamsBuilder;
import io.eddy.streams.kstream.TimeWindows;
import io.eddy.streams.kstream.WindowedSerdes;
import java.time.Duration;

/**
 * Page-view enrichment, the classic stream-table join: page views keyed by user id are joined with the table of user
 * profiles (same key, co-partitioned), the enriched views go to topic {@value #ENRICHED}, and are then counted per
 * region in one-minute tumbling windows of event time into the window store {@value #COUNTS_STORE}; every count
 * update also goes to topic {@value #COUNTS}.
 *
 * <pre>
 *  page-views ──join(user-profiles)──► enriched-views
 *                    │
 *                    └─ groupBy(region) ─► windowedBy(1 min) ─► count ─► region-view-counts
 * </pre>
 *
 * <p>It is an inner join: a view whose user has no profile (yet) is dropped. A view joins the profile current at its
 * processing; since a task always processes the record with the lowest timestamp next, profiles stamped before the
 * views are in the table before any view looks them up.
 */
public final class EnrichmentTopology {
    /** Input: user id → {@link PageView}, stamped with the time of the view. */
    public static final String PAGE_VIEWS = "page-views";
    /** Input, read as a table: user id → {@link UserProfile} (the latest profile per user wins). */
    public static final String PROFILES = "user-profiles";
    /** Output: user id → {@link EnrichedView}. */
    public static final String ENRICHED = "enriched-views";
    /** Output: windowed region → page views in that minute, every update of the count. */
    public static final String COUNTS = "region-view-counts";
    /** The window store holding the counts. */
    public static final String COUNTS_STORE = "views-per-region-per-minute";
    /** Size of the tumbling windows. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /**
     * How long after a window's end a late view is still counted. A view is late when a newer one was processed
     * first, e.g. when a mobile client uploads its views in batches.
     */
    public static final Duration GRACE = Duration.ofSeconds(30);

    /** The classes Kryo writes for this app, with ids that must never change. */
    public static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder()
            .register(PageView.class, 1001)
            .register(UserProfile.class, 1002)
            .register(EnrichedView.class, 1003)
            .build();

    /** A page view. @param userId who viewed @param page the path of the page */
    public record PageView(String userId, String page) {
    }

    /** A user's profile. @param userId the user @param name display name @param region where the user lives */
    public record UserProfile(String userId, String name, String region) {
    }

    /** A page view with its user's region. @param userId who @param page what @param region where from */
    public record EnrichedView(String userId, String page, String region) {
    }

    private EnrichmentTopology() {
    }

    /** @return the enrichment topology */
    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder(REGISTRATIONS);
        KStream<String, PageView> views = builder.stream(PAGE_VIEWS, Consumed.with(String.class, PageView.class));
        KTable<String, UserProfile> profiles = builder.table(PROFILES,
                Consumed.with(String.class, UserProfile.class), Materialized.as("user-profiles-store"));

        KStream<String, EnrichedView> enriched = views.join(profiles,
                (view, profile) -> new EnrichedView(view.userId(), view.page(), profile.region()),
                Joined.as("enrich-with-profile"));
        enriched.to(ENRICHED, Produced.with(String.class, EnrichedView.class));

        enriched.groupBy((userId, view) -> view.region(), Grouped.as("views-by-region"))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                .count(Named.as("count-views-per-region"), Materialized.as(COUNTS_STORE))
                .toStream()
                .to(COUNTS, Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, WINDOW.toMillis()),
                        Serdes.Long()));
        return builder.build();
    }
}
