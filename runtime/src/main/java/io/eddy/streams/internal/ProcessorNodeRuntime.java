package io.eddy.streams.internal;

import io.eddy.streams.errors.ErrorHandlerContext;
import io.eddy.streams.errors.HandlerResponse;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.Record;

/** Runs one user processor; failures of its own code go through the processing exception handler once. */
final class ProcessorNodeRuntime extends RuntimeNode {
    private final Processor<Object, Object, Object, Object> processor;
    private final TaskContext task;
    final NodeProcessorContext context;

    @SuppressWarnings("unchecked")
    ProcessorNodeRuntime(String name, Processor<?, ?, ?, ?> processor, TaskContext task) {
        super(name);
        this.processor = (Processor<Object, Object, Object, Object>) processor;
        this.task = task;
        this.context = new NodeProcessorContext(this, task);
    }

    @Override
    void init() {
        try {
            processor.init(context);
        } catch (RuntimeException e) {
            throw new StreamsException("processor '" + name + "' of task " + task.taskId() + " failed in init", e);
        }
    }

    @Override
    void process(Record<Object, Object> record) {
        try {
            processor.process(record);
        } catch (ProcessingFailure | TaskMigratedSignal e) {
            throw e;
        } catch (RuntimeException e) {
            ErrorHandlerContext ctx = task.errorContext(name, record.timestamp());
            HandlerResponse response = task.processingExceptionHandler().handle(ctx, record, e);
            if (response == HandlerResponse.CONTINUE) {
                task.metrics().droppedRecord();
                task.deadLetter(ctx, null, null, e);
                return;
            }
            throw new ProcessingFailure("processor '" + name + "' of task " + task.taskId() + " failed on a record"
                    + " from " + ctx.topic() + "-" + ctx.partition() + "@" + ctx.offset() + ": " + e, e);
        }
    }

    @Override
    void close() {
        processor.close();
    }
}
