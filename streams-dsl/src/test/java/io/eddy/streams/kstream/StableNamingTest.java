package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.errors.TopologyException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StableNamingTest {
    private static final Serde<String> S = Serdes.String();

    /** Every node, store and internal topic name of a topology. */
    private static Set<String> internalNames(Topology t) {
        Set<String> names = new TreeSet<>(t.internalBuilder().nodes().keySet());
        t.internalBuilder().stores().keySet().forEach(s -> names.add("store:" + s));
        t.internalBuilder().internalTopics().keySet().forEach(s -> names.add("topic:" + s));
        return names;
    }

    private static Topology orders(boolean withExtraBranches) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> orders = b.stream("orders", Consumed.with(S, S));
        if (withExtraBranches) {
            // added before the existing operators: a counter-based scheme would shift every later name
            orders.peek((k, v) -> { });
            orders.selectKey((k, v) -> v).groupByKey().count().toStream().to("per-value");
            orders.filter((k, v) -> true).mapValues(v -> v);
        }
        orders.filter((k, v) -> !v.isEmpty()).groupByKey().count().toStream().to("counts");
        orders.mapValues(v -> v.toUpperCase()).selectKey((k, v) -> v).groupByKey().reduce((a, c) -> c);
        b.table("customers", Consumed.with(S, S)).groupBy((k, v) -> io.eddy.state.KeyValue.pair(v, k)).count();
        return b.build();
    }

    /** Guards against names derived from a global counter, which break state and topics on upgrades. */
    @Test
    void addingOperatorsOnOtherBranchesRenamesNothingThatExisted() {
        Set<String> before = internalNames(orders(false));
        Set<String> after = internalNames(orders(true));
        assertThat(after).containsAll(before);
        assertThat(after.size()).isGreaterThan(before.size());
        assertThat(before).contains("orders.filter", "orders.filter.count", "store:orders.filter.count-store",
                "topic:orders.mapValues.selectKey-repartition", "store:customers.table.groupBy.count-store",
                "topic:customers.table.groupBy-repartition");
    }

    @Test
    void anIdenticalSiblingPathRenumbersOnlyProcessorNodesNeverStoresOrTopics() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in", Consumed.with(S, S));
        s.filter((k, v) -> true).mapValues(v -> v).to("elsewhere");
        s.filter((k, v) -> false).selectKey((k, v) -> v).groupByKey().count();
        Set<String> names = internalNames(b.build());
        assertThat(names).contains("in.filter", "in.filter-2", "in.filter.selectKey", "in.filter.selectKey.count",
                "store:in.filter.selectKey.count-store", "topic:in.filter.selectKey-repartition");
    }

    @Test
    void buildingTheSameTopologyTwiceGivesTheSameNames() {
        assertThat(internalNames(orders(true))).isEqualTo(internalNames(orders(true)));
    }

    @Test
    void identicalPathsAreToldApartInCreationOrder() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in", Consumed.with(S, S));
        s.filter((k, v) -> true).to("a");
        s.filter((k, v) -> false).to("b");
        assertThat(b.build().internalBuilder().nodes().keySet()).contains("in.filter", "in.filter-2",
                "in.filter.to-a", "in.filter.to-b");
    }

    @Test
    void userNamesNameNodesStoresAndTopics() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.<String, String>as("read-in").withKeySerde(S).withValueSerde(S))
                .selectKey((k, v) -> v, Named.as("by-value"))
                .groupByKey(Grouped.as("values"))
                .count(Named.as("count-values"), Materialized.as("value-counts"))
                .toStream(Named.as("changes"))
                .to("out", Produced.as("write-out"));
        Set<String> names = internalNames(b.build());
        assertThat(names).contains("read-in", "by-value", "count-values", "changes", "write-out",
                "store:value-counts", "topic:values-repartition");
    }

    @Test
    void consecutiveKeyChangesShareOneRepartitionTopic() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> rekeyed = b.stream("in", Consumed.with(S, S)).selectKey((k, v) -> v);
        KGroupedStream<String, String> grouped = rekeyed.groupBy((k, v) -> v + "!");
        grouped.count();
        grouped.reduce((a, c) -> c);
        Topology t = b.build();
        assertThat(t.internalBuilder().internalTopics().keySet()).containsExactly("in.selectKey.groupBy-repartition");
        assertThat(t.describe().toString().split("Sink: ", -1)).hasSize(2);
    }

    @Test
    void describeShowsReadableDerivedNames() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("lines", Consumed.with(S, S)).flatMapValues(v -> java.util.List.of(v.split(" ")))
                .groupBy((k, w) -> w).count().toStream().to("counts");
        String d = b.build().describe().toString();
        assertThat(d).contains("Source: lines (topics: [lines])", "Processor: lines.flatMapValues (stores: [])",
                "Sink: lines.flatMapValues.groupBy-repartition-sink (topic: lines.flatMapValues.groupBy-repartition)",
                "Processor: lines.flatMapValues.groupBy.count (stores: [lines.flatMapValues.groupBy.count-store])",
                "Sink: lines.flatMapValues.groupBy.count.toStream.to-counts (topic: counts)");
    }

    @Test
    void explicitNamesConfigRejectsAnUnnamedStoreNamingTheOperator() {
        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        StreamsBuilder b = new StreamsBuilder(p);
        KGroupedStream<String, String> g = b.stream("in", Consumed.with(S, S)).groupByKey();
        assertThatThrownBy(g::count).isInstanceOf(TopologyException.class)
                .hasMessageContaining("count 'in.count'").hasMessageContaining("Materialized.as");
    }

    @Test
    void explicitNamesConfigRejectsAnUnnamedRepartitionTopic() {
        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, true);
        StreamsBuilder b = new StreamsBuilder(p);
        KGroupedStream<String, String> g = b.stream("in", Consumed.with(S, S)).groupBy((k, v) -> v);
        assertThatThrownBy(() -> g.count(Materialized.as("counts"))).isInstanceOf(TopologyException.class)
                .hasMessageContaining("repartition topic 'in.groupBy-repartition'").hasMessageContaining("Grouped.as");
    }

    @Test
    void explicitNamesConfigGivenAtBuildIsCheckedAtBuild() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("in", Consumed.with(S, S), Materialized.with(S, S));
        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        assertThatThrownBy(() -> b.build(p)).isInstanceOf(TopologyException.class)
                .hasMessageContaining("table 'in.table'");
    }

    @Test
    void explicitNamesConfigAcceptsAFullyNamedTopology() {
        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        StreamsBuilder b = new StreamsBuilder(p);
        b.stream("in", Consumed.with(S, S)).filter((k, v) -> true).groupBy((k, v) -> v, Grouped.as("by-value"))
                .count(Materialized.as("counts")).toStream().to("out");
        assertThat(b.build(p).internalBuilder().stores()).containsOnlyKeys("counts");
    }
}
