package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.processor.api.ProcessorSupplier;
import org.junit.jupiter.api.Test;

class TopologyDescriptionTest {

    @Test
    void describePrintsSubtopologiesInKafkaStreamsTextForm() {
        String text = WordCountApp.topology().describe().toString();
        assertThat(text).isEqualTo("""
                Topologies:
                   Sub-topology: 0
                    Source: lines (topics: [text-lines])
                      --> split
                    Processor: split (stores: [])
                      --> to-words
                      <-- lines
                    Sink: to-words (topic: words-repartition)
                      <-- split

                   Sub-topology: 1
                    Source: words (topics: [words-repartition])
                      --> count
                    Processor: count (stores: [counts])
                      --> out
                      <-- words
                    Sink: out (topic: word-counts)
                      <-- count

                """);
    }

    @Test
    void mermaidOutputNamesEveryNodeTopicAndStore() {
        String m = WordCountApp.topology().describe().toMermaid();
        assertThat(m).startsWith("flowchart LR").contains("Processor: count").contains("store_counts[(counts)]")
                .contains("topic_text_lines([text-lines]) --> lines");
    }

    @Test
    void invalidAdditionsFailNamingTheNode() {
        Topology t = new Topology();
        t.addSource("s", "t");
        ProcessorSupplier<Object, Object, Object, Object> p = () -> r -> { };
        assertThatThrownBy(() -> t.addSource("s", "other")).isInstanceOf(TopologyException.class)
                .hasMessageContaining("'s' is already added");
        assertThatThrownBy(() -> t.addProcessor("p", p, "missing")).isInstanceOf(TopologyException.class)
                .hasMessageContaining("'missing'");
        assertThatThrownBy(() -> t.addSource("s2", "t")).isInstanceOf(TopologyException.class)
                .hasMessageContaining("topic 't' is already read");
        t.addSink("k", "out", "s");
        assertThatThrownBy(() -> t.addProcessor("q", p, "k")).isInstanceOf(TopologyException.class)
                .hasMessageContaining("sink 'k' cannot be the parent");
        assertThatThrownBy(() -> t.connectProcessorAndStateStores("q", "store")).isInstanceOf(TopologyException.class)
                .hasMessageContaining("'q'");
    }
}
