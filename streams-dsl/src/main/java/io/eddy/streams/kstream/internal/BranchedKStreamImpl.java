package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Branched;
import io.eddy.streams.kstream.BranchedKStream;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.Predicate;
import io.eddy.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link BranchedKStream}: one splitter node forwarding each record to the child node of the first matching branch
 * (or of the default branch). Branch nodes are named {@code <prefix><branch name>}, which is also their key in the
 * result map; the prefix is the split's name, or {@code <derived splitter name>-} when unnamed.
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final KStreamImpl<K, V> source;
    private final String splitter;
    private final String prefix;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> children = new ArrayList<>();
    private final Map<String, KStream<K, V>> result = new LinkedHashMap<>();
    private String defaultChild;

    BranchedKStreamImpl(KStreamImpl<K, V> source, String splitter, String prefix) {
        this.source = source;
        this.splitter = splitter;
        this.prefix = prefix;
    }

    ProcessorSupplier<K, V, K, V> splitterSupplier() {
        // read when tasks are created, after every branch has been declared
        return RecordHandler.supplier((r, ctx) -> {
            for (int i = 0, n = predicates.size(); i < n; i++) {
                if (predicates.get(i).test(r.key(), r.value())) {
                    ctx.forward(r, children.get(i));
                    return;
                }
            }
            if (defaultChild != null) {
                ctx.forward(r, defaultChild);
            }
        });
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, null);
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        Objects.requireNonNull(predicate, "predicate");
        BranchedInternal<K, V> b = new BranchedInternal<>(branched);
        String node = prefix + (b.name() != null ? b.name() : String.valueOf(predicates.size() + 1));
        KStreamImpl<K, V> stream = source.addBranch(splitter, node);
        predicates.add(predicate);
        children.add(node);
        collect(b, node, stream);
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(null);
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        BranchedInternal<K, V> b = new BranchedInternal<>(branched);
        String node = prefix + (b.name() != null ? b.name() : "0");
        KStreamImpl<K, V> stream = source.addBranch(splitter, node);
        defaultChild = node;
        collect(b, node, stream);
        return result;
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        return result;
    }

    private void collect(BranchedInternal<K, V> b, String key, KStream<K, V> stream) {
        if (b.consumer() != null) {
            b.consumer().accept(stream);
        } else if (b.function() != null) {
            KStream<K, V> out = b.function().apply(stream);
            if (out != null) {
                result.put(key, out);
            }
        } else {
            result.put(key, stream);
        }
    }
}
