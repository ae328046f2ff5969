package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.examples.EnrichmentSampleData.TimedView;
import io.eddy.examples.EnrichmentTopology.UserProfile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentCommandTest {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** region → "HH:mm" → views, computed straight from the generated data: inner join, one-minute windows. */
    private static Map<String, Map<String, String>> expectedCounts(EnrichmentSampleData data) {
        Map<String, String> regionOf = data.profiles().stream()
                .collect(Collectors.toMap(UserProfile::userId, UserProfile::region));
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Map<String, Long> totals = new TreeMap<>();
        for (TimedView v : data.views()) {
            String region = regionOf.get(v.view().userId());
            if (region == null) {
                continue;
            }
            String minute = MINUTE.format(Instant.ofEpochMilli(v.timestamp() - v.timestamp() % 60_000));
            Map<String, String> row = expected.computeIfAbsent(region, r -> new TreeMap<>());
            row.merge(minute, "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
            totals.merge(region, 1L, Long::sum);
        }
        expected.forEach((region, row) -> row.put("total", Long.toString(totals.get(region))));
        return expected;
    }

    private static Map<String, Map<String, String>> printedCounts(String printed) {
        Map<String, Map<String, String>> table = new TreeMap<>(ExampleRunner.table(printed,
                "page views per region per minute"));
        table.remove("all");
        table.replaceAll((region, row) -> new TreeMap<>(row.entrySet().stream()
                .filter(e -> !e.getValue().equals("0"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        return table;
    }

    @Test
    void countsEnrichedViewsPerRegionPerMinuteExactlyAsTheGeneratedDataSays() {
        EnrichmentSampleData data = EnrichmentSampleData.generate(30, 1500, 4, 7);
        long joinable = data.views().stream().filter(v -> v.view().userId().startsWith("user-")).count();

        String printed = ExampleRunner.run("enrichment", "--generate", "--users", "30", "--views", "1500",
                "--minutes", "4", "--seed", "7", "--data-dir", dir.resolve("data").toString());

        assertThat(joinable).isLessThan(1500);
        assertThat(printed).contains("enriched " + joinable + " of 1500 page views (" + (1500 - joinable)
                + " without a profile dropped by the inner join)");
        Map<String, Map<String, String>> expected = expectedCounts(data);
        assertThat(expected).hasSize(EnrichmentSampleData.REGIONS.size());
        assertThat(printedCounts(printed)).isEqualTo(expected);
        assertThat(ExampleRunner.table(printed, "page views per region per minute").get("all"))
                .containsEntry("total", Long.toString(joinable))
                .containsKeys("10:00", "10:01", "10:02", "10:03");
    }

    @Test
    void rerunOnTheSameDataDirectoryNeitherRegeneratesNorRecounts() {
        String dataDir = dir.resolve("data").toString();
        String first = ExampleRunner.run("enrichment", "--generate", "--users", "10", "--views", "300",
                "--seed", "3", "--data-dir", dataDir);
        String second = ExampleRunner.run("enrichment", "--generate", "--users", "10", "--views", "300",
                "--seed", "3", "--data-dir", dataDir);

        assertThat(second).contains("not generating again");
        assertThat(printedCounts(second)).isEqualTo(printedCounts(first))
                .isEqualTo(expectedCounts(EnrichmentSampleData.generate(10, 300, 5, 3)));
    }
}
