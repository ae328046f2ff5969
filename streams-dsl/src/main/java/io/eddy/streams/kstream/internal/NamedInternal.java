package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Named;

/** Read access to a {@link Named}, for the DSL. */
public final class NamedInternal extends Named {
    private NamedInternal(Named named) {
        super(named);
    }

    /** @return the user's name, or null when {@code named} is null or unnamed */
    public static String nameOf(Named named) {
        return named == null ? null : new NamedInternal(named).name;
    }
}
