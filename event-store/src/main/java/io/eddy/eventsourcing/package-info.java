/** Placeholder package of module event-store; its issue fills it. */
package io.eddy.eventsourcing;
