package io.eddy.streams.errors;

import io.eddy.log.Headers;
import io.eddy.streams.processor.TaskId;

/**
 * Where a failure happened, given to exception handlers.
 *
 * @param topic the source topic of the record being processed, or null
 * @param partition its partition, or -1
 * @param offset its offset, or -1
 * @param headers its headers
 * @param processorNodeId the node that failed, or null
 * @param taskId the task
 * @param timestamp the record timestamp
 */
public record ErrorHandlerContext(String topic, int partition, long offset, Headers headers, String processorNodeId,
                                  TaskId taskId, long timestamp) {
}
