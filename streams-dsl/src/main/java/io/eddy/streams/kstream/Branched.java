package io.eddy.streams.kstream;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One branch of {@link KStream#split()}: its name (the branch's key in the result map is the split's prefix plus this
 * name; unnamed branches are numbered from 1, the default branch is "0") and what to do with it, as Kafka Streams'
 * {@code Branched}. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Branched<K, V> {
    /** Branch name or null. */
    protected final String name;
    /** Function applied to the branch, or null. */
    protected final Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction;
    /** Consumer of the branch, or null. */
    protected final Consumer<? super KStream<K, V>> chainConsumer;

    /**
     * @param name name or null
     * @param chainFunction function or null
     * @param chainConsumer consumer or null
     */
    protected Branched(String name, Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction,
                       Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = name;
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    /** @param branched copied */
    protected Branched(Branched<K, V> branched) {
        this(branched.name, branched.chainFunction, branched.chainConsumer);
    }

    /** @param name branch name @param <K> key type @param <V> value type @return a Branched */
    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Objects.requireNonNull(name, "name"), null, null);
    }

    /**
     * @param chain applied to the branch; its result (if not null) goes into the result map
     * @param <K> key type
     * @param <V> value type
     * @return a Branched
     */
    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain) {
        return new Branched<>(null, Objects.requireNonNull(chain, "chain"), null);
    }

    /**
     * @param chain applied to the branch
     * @param name branch name
     * @param <K> key type
     * @param <V> value type
     * @return a Branched
     */
    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain,
                                                     String name) {
        return new Branched<>(name, Objects.requireNonNull(chain, "chain"), null);
    }

    /**
     * @param chain consumes the branch; the branch is then left out of the result map
     * @param <K> key type
     * @param <V> value type
     * @return a Branched
     */
    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
        return new Branched<>(null, null, Objects.requireNonNull(chain, "chain"));
    }

    /**
     * @param chain consumes the branch
     * @param name branch name
     * @param <K> key type
     * @param <V> value type
     * @return a Branched
     */
    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        return new Branched<>(name, null, Objects.requireNonNull(chain, "chain"));
    }
}
