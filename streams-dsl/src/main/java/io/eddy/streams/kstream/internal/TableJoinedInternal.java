package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.TableJoined;

/** Read access to a {@link TableJoined}, for the DSL. */
public final class TableJoinedInternal<K, KO> extends TableJoined<K, KO> {
    private TableJoinedInternal(TableJoined<K, KO> tableJoined) {
        super(tableJoined);
    }

    /** @return the user's name, or null when {@code tableJoined} is null or unnamed */
    public static String nameOf(TableJoined<?, ?> tableJoined) {
        return tableJoined == null ? null : new TableJoinedInternal<>(tableJoined).name;
    }
}
