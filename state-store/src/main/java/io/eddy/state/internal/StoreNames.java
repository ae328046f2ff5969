package io.eddy.state.internal;

import java.util.Objects;

/**
 * Validates store names. A store name becomes a directory name and part of its changelog topic name
 * ({@code <applicationId>-<name>-changelog}), so it is limited to the characters legal in both.
 */
public final class StoreNames {

    /** The longest store name accepted. */
    public static final int MAX_LENGTH = 200;

    private StoreNames() {
    }

    /**
     * @param name a store name
     * @return {@code name}
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if it is empty, too long, {@code "."}/{@code ".."}, or has characters other
     *     than ASCII letters, digits, '.', '_' and '-'
     */
    public static String validate(String name) {
        Objects.requireNonNull(name, "store name");
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Illegal store name, name='" + name + "' (must be 1 to " + MAX_LENGTH
                    + " characters and not '.' or '..')");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new IllegalArgumentException("Illegal character '" + c + "' at index " + i + " of store name '"
                        + name + "' (allowed: ASCII letters, digits, '.', '_', '-')");
            }
        }
        return name;
    }
}
