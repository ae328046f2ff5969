package io.eddy.streams.kstream;

import java.util.Map;

/**
 * Splits a stream into branches, as Kafka Streams' {@code BranchedKStream}: each record goes to the first branch
 * whose predicate it matches, else to the default branch if there is one, else nowhere. The result map is keyed by
 * the split's name prefix plus the branch name (or its 1-based position; "0" for the default branch).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface BranchedKStream<K, V> {
    /** @param predicate selects the branch's records @return this */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    /** @param predicate selects the branch's records @param branched name and chain of the branch @return this */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** @return the branches, with a default branch for records matching no predicate */
    Map<String, KStream<K, V>> defaultBranch();

    /** @param branched name and chain of the default branch @return the branches */
    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** @return the branches; records matching no predicate are dropped */
    Map<String, KStream<K, V>> noDefaultBranch();
}
