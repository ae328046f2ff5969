package io.eddy.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the one {@code RESULT name=... k=v ...} line every bench prints last. */
final class Results {
    private final Map<String, String> values = new LinkedHashMap<>();

    Results(String name) {
        values.put("name", name);
    }

    Results put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    Results put(String key, double value) {
        values.put(key, String.format(Locale.ROOT, "%.2f", value));
        return this;
    }

    Results put(String key, String value) {
        values.put(key, value);
        return this;
    }

    void print() {
        StringBuilder sb = new StringBuilder("RESULT");
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        System.out.println(sb);
    }
}
