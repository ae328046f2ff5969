package io.eddy.examples;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.kstream.StreamsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The word count, in the DSL: lines from {@code text-lines} are split on spaces, grouped by word (a repartition,
 * handed over in memory) and counted into the store {@code word-counts-store}; every count update goes to topic
 * {@code word-counts}. Written exactly as the Kafka Streams word count is, with Eddy's imports.
 */
public final class WordCountTopology {
    /** Input topic: one line of text per record. */
    public static final String INPUT = "text-lines";
    /** Output topic: word → count updates. */
    public static final String OUTPUT = "word-counts";
    /** The queryable store holding the counts. */
    public static final String STORE = "word-counts-store";

    private WordCountTopology() {
    }

    /** @return the word-count topology */
    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> lines = builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()));
        lines.flatMapValues(WordCountTopology::words)
                .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /**
     * Splits a line into lower-case words (root locale): maximal runs of letters and digits (cheaper than a regex, and
     * punctuation never sticks to a word). A word already in lower case is not copied a second time.
     */
    static List<String> words(String line) {
        int n = line.length();
        List<String> out = new ArrayList<>(Math.max(8, n / 4)); // room for short words: no regrowth
        int start = -1;
        boolean lower = true;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                if (start >= 0) {
                    out.add(word(line, start, i, lower));
                    start = -1;
                }
            } else {
                if (start < 0) {
                    start = i;
                    lower = true;
                }
                if (c >= 'A' && (c <= 'Z' || c > 0x7f)) {
                    lower = false; // upper-case ASCII, or non-ASCII: let toLowerCase decide
                }
            }
        }
        if (start >= 0) {
            out.add(word(line, start, n, lower));
        }
        return out;
    }

    private static String word(String line, int start, int end, boolean lower) {
        String w = line.substring(start, end);
        return lower ? w : w.toLowerCase(Locale.ROOT);
    }
}
