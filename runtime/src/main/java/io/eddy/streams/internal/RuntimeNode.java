package io.eddy.streams.internal;

import io.eddy.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.List;

/** A node as instantiated in one task; records reach it depth-first from its parent. */
abstract class RuntimeNode {
    final String name;
    final List<RuntimeNode> children = new ArrayList<>();

    RuntimeNode(String name) {
        this.name = name;
    }

    abstract void process(Record<Object, Object> record);

    void init() {
    }

    void close() {
    }

    RuntimeNode child(String childName) {
        for (RuntimeNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
