package io.eddy.eventsourcing;

import io.eddy.log.TopicConfig;
import io.eddy.serialization.KryoRegistrations;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Settings of an {@link EventStore}. Immutable; start from {@link #of(KryoRegistrations)} and change values with the
 * {@code with*} methods, each returning a new config.
 *
 * <p>Defaults: topic {@code events} with <b>one partition</b> (one total order of all events: positions are
 * offsets, {@code readAll} and subscriptions see every event in append order), default topic config (fsync left to
 * the OS; every append still fsyncs at its commit), the system UTC clock for event timestamps, random UUIDs for
 * events appended without an id, and at most 512 appends grouped into one log transaction.
 */
public final class EventStoreConfig {
    private final KryoRegistrations registrations;
    private final String topic;
    private final int partitions;
    private final TopicConfig topicConfig;
    private final Clock clock;
    private final Supplier<UUID> idGenerator;
    private final int maxGroupedAppends;

    private EventStoreConfig(KryoRegistrations registrations, String topic, int partitions, TopicConfig topicConfig,
                             Clock clock, Supplier<UUID> idGenerator, int maxGroupedAppends) {
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.topic = Objects.requireNonNull(topic, "topic");
        if (partitions < 1) {
            throw new IllegalArgumentException("event topic partitions must be at least 1, was " + partitions);
        }
        if (maxGroupedAppends < 1) {
            throw new IllegalArgumentException("max grouped appends must be at least 1, was " + maxGroupedAppends);
        }
        this.partitions = partitions;
        this.topicConfig = Objects.requireNonNull(topicConfig, "topic config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idGenerator = Objects.requireNonNull(idGenerator, "id generator");
        this.maxGroupedAppends = maxGroupedAppends;
    }

    /**
     * @param registrations the event (and snapshot state) classes with their permanent Kryo ids
     * @return the default configuration for these classes
     */
    public static EventStoreConfig of(KryoRegistrations registrations) {
        return new EventStoreConfig(registrations, "events", 1, TopicConfig.defaults(), Clock.systemUTC(),
                UUID::randomUUID, 512);
    }

    /**
     * @param name the event topic's name; derived names ({@code <name>-snapshots-<aggregate>}, the writer's
     *     transactional id {@code <name>-writer}) follow it
     * @return a copy with this topic
     */
    public EventStoreConfig withTopic(String name) {
        return new EventStoreConfig(registrations, name, partitions, topicConfig, clock, idGenerator,
                maxGroupedAppends);
    }

    /**
     * Spreads streams over several partitions by a hash of the stream id. Positions are then (partition, offset),
     * and events are ordered within a partition only: read or subscribe to each partition to see them all. Applies
     * when the topic is created; an existing topic keeps its partition count.
     *
     * @param count the partition count, at least 1
     * @return a copy with this partition count
     */
    public EventStoreConfig withPartitions(int count) {
        return new EventStoreConfig(registrations, topic, count, topicConfig, clock, idGenerator, maxGroupedAppends);
    }

    /**
     * @param config the event topic's config when it is created
     * @return a copy with this topic config
     */
    public EventStoreConfig withTopicConfig(TopicConfig config) {
        return new EventStoreConfig(registrations, topic, partitions, config, clock, idGenerator, maxGroupedAppends);
    }

    /**
     * @param clock stamps events
     * @return a copy with this clock
     */
    public EventStoreConfig withClock(Clock clock) {
        return new EventStoreConfig(registrations, topic, partitions, topicConfig, clock, idGenerator,
                maxGroupedAppends);
    }

    /**
     * @param idGenerator assigns ids to events appended without one
     * @return a copy with this generator
     */
    public EventStoreConfig withIdGenerator(Supplier<UUID> idGenerator) {
        return new EventStoreConfig(registrations, topic, partitions, topicConfig, clock, idGenerator,
                maxGroupedAppends);
    }

    /**
     * @param max the most concurrent appends the writer commits in one log transaction (group commit); 1 gives one
     *     transaction per append
     * @return a copy with this limit
     */
    public EventStoreConfig withMaxGroupedAppends(int max) {
        return new EventStoreConfig(registrations, topic, partitions, topicConfig, clock, idGenerator, max);
    }

    /** @return the Kryo registrations of event and state classes */
    public KryoRegistrations registrations() {
        return registrations;
    }

    /** @return the event topic */
    public String topic() {
        return topic;
    }

    /** @return the partition count for a new event topic */
    public int partitions() {
        return partitions;
    }

    /** @return the config of a new event topic */
    public TopicConfig topicConfig() {
        return topicConfig;
    }

    /** @return the clock stamping events */
    public Clock clock() {
        return clock;
    }

    /** @return the generator of event ids */
    public Supplier<UUID> idGenerator() {
        return idGenerator;
    }

    /** @return the most appends per log transaction */
    public int maxGroupedAppends() {
        return maxGroupedAppends;
    }

    /** @return the transactional id of the store's writer */
    String transactionalId() {
        return topic + "-writer";
    }
}
