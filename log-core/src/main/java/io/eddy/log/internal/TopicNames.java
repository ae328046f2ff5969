package io.eddy.log.internal;

import io.eddy.log.InvalidTopicException;

/** Kafka's topic naming rule, which also keeps every name inside the log directory. */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** @throws InvalidTopicException naming the topic and the rule it breaks */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("topic name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("topic name cannot be '" + name + "'");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("topic name '" + name.substring(0, 40) + "...' is " + name.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new InvalidTopicException("topic name '" + name + "' contains the illegal character '" + c
                        + "' at index " + i + "; only a-z A-Z 0-9 . _ - are allowed");
            }
        }
    }
}
