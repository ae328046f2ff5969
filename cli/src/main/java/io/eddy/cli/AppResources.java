package io.eddy.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What the runtime keeps in the log for one application id, by its naming conventions (see {@code StreamsConfig} and
 * {@code StateStoreContext#changelogTopic}): changelog topics {@code <app>-<store>-changelog}, repartition topics
 * {@code <app>-<name>-repartition}, and the recorded topology names {@code <app>-topology-names}. Its consumer group
 * is the application id, and its local state lives in {@code <state dir>/<app>/}.
 *
 * <p>An application id may be a prefix of another ({@code app} and {@code app-2}): a topic matching both is left to
 * the longer id when that id has a consumer group, since {@code app-2-counts-changelog} is far more likely the
 * changelog of store {@code counts} of {@code app-2} than of store {@code 2-counts} of {@code app}.
 */
final class AppResources {
    static final String CHANGELOG_SUFFIX = "-changelog";
    static final String REPARTITION_SUFFIX = "-repartition";
    static final String TOPOLOGY_NAMES_SUFFIX = "-topology-names";

    private AppResources() {
    }

    /**
     * @param appId the application id
     * @param topic a topic name
     * @return true when the name follows one of the runtime's patterns for the app's internal topics
     */
    static boolean isInternalTopic(String appId, String topic) {
        if (topic.equals(appId + TOPOLOGY_NAMES_SUFFIX)) {
            return true;
        }
        String prefix = appId + "-";
        if (!topic.startsWith(prefix)) {
            return false;
        }
        String rest = topic.substring(prefix.length());
        return (rest.endsWith(CHANGELOG_SUFFIX) && rest.length() > CHANGELOG_SUFFIX.length())
                || (rest.endsWith(REPARTITION_SUFFIX) && rest.length() > REPARTITION_SUFFIX.length());
    }

    /**
     * @param appId the application id
     * @param topics every topic of the log
     * @param groups every consumer group of the log (application ids of apps that committed)
     * @return the app's internal topics, sorted, leaving out those that belong to a longer application id
     */
    static List<String> internalTopics(String appId, Collection<String> topics, Collection<String> groups) {
        List<String> owned = new ArrayList<>();
        for (String t : new TreeSet<>(topics)) {
            if (isInternalTopic(appId, t) && ownerWithLongerId(appId, t, groups) == null) {
                owned.add(t);
            }
        }
        return owned;
    }

    /**
     * @return another application id (a group) that extends {@code appId} and whose pattern the topic also matches,
     *     or null
     */
    static String ownerWithLongerId(String appId, String topic, Collection<String> groups) {
        for (String g : groups) {
            if (!g.equals(appId) && g.startsWith(appId + "-") && isInternalTopic(g, topic)) {
                return g;
            }
        }
        return null;
    }
}
