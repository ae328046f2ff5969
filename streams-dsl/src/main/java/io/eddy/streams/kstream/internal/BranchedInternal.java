package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Branched;
import io.eddy.streams.kstream.KStream;
import java.util.function.Consumer;
import java.util.function.Function;

/** Read access to a {@link Branched}, for the DSL. */
final class BranchedInternal<K, V> extends Branched<K, V> {
    BranchedInternal(Branched<K, V> branched) {
        super(branched == null ? Branched.<K, V>withFunction(s -> s) : branched);
    }

    String name() {
        return name;
    }

    Function<? super KStream<K, V>, ? extends KStream<K, V>> function() {
        return chainFunction;
    }

    Consumer<? super KStream<K, V>> consumer() {
        return chainConsumer;
    }
}
