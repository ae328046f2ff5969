/**
 * An event store on Eddy's log: append-only event streams with optimistic concurrency, catch-up subscriptions,
 * aggregates loaded by folding events (with snapshots), and projections run as Eddy topologies.
 *
 * <p>Entry points: {@link io.eddy.eventsourcing.EventStore#open} / {@link io.eddy.eventsourcing.EventStore#on},
 * {@link io.eddy.eventsourcing.AggregateRepository} and {@link io.eddy.eventsourcing.Projection}.
 *
 * <p><b>Layout.</b> Every event is one record of the event topic (default {@code events}): key = stream id
 * (UTF-8), value = the event object in Kryo, timestamp = the event's timestamp, metadata in headers (see
 * {@code EventRecordLayout}). Each append is one log transaction, so a {@code READ_COMMITTED} reader — a
 * subscription, a projection, the rebuild on open — sees all of an append's events or none.
 */
package io.eddy.eventsourcing;
