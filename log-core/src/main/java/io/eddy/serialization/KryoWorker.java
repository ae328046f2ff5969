package io.eddy.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * One configured Kryo instance with its reusable output and input buffers. Not thread-safe: a {@link KryoSerde} hands
 * each worker to one thread at a time through its pool and drops a worker after any failure, since Kryo's state after
 * an exception mid-graph is not something to rely on.
 *
 * <p>Bytes are Kryo 5's {@code writeClassAndObject} encoding with references off: a varint of the class id plus 2,
 * then the object. The class id comes from {@link KryoRegistrations}, so the bytes read back without knowing their
 * type.
 */
final class KryoWorker {
    private static final int INITIAL_BUFFER_SIZE = 4 * 1024;
    /** A buffer grown past this by one large value is dropped after use rather than kept for the worker's life. */
    private static final int MAX_RETAINED_BUFFER_SIZE = 1024 * 1024;
    private static final byte[] NO_BYTES = new byte[0];
    /** Kryo's class tag for a null object; tags of registered classes are their id plus 2. */
    private static final int NULL_TAG = 0;
    /** Kryo's class tag announcing a class written by name, which registration-required Kryo never writes. */
    private static final int NAME_TAG = 1;
    private static final int MAX_DETAIL_LENGTH = 500;

    private final TrackingKryo kryo = new TrackingKryo();
    private final Output output = new Output(INITIAL_BUFFER_SIZE, -1);
    private final Input input = new Input(NO_BYTES);

    /**
     * @throws IllegalArgumentException naming the class when a registration cannot be applied
     */
    KryoWorker(KryoRegistrations registrations) {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        registrations.registerWith(kryo);
    }

    /**
     * @param topic for error messages
     * @param value not null
     * @return the encoding of {@code value}
     * @throws SerializationException naming the class and the fix when a class in the graph is unregistered, or the
     *     value's class and Kryo's complaint otherwise
     */
    byte[] write(String topic, Object value) {
        kryo.unregistered = null;
        output.reset();
        try {
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } catch (RuntimeException | StackOverflowError e) {
            // Kryo itself catches a StackOverflowError and rethrows it wrapped, with a trace as deep as the stack.
            if (isCausedBy(e, StackOverflowError.class)) {
                throw new SerializationException("cannot serialize a " + value.getClass().getName() + " for topic "
                        + topic + " with Kryo: the object graph is cyclic or nested too deeply (references are not"
                        + " tracked)", e);
            }
            if (kryo.unregistered != null) {
                throw new SerializationException(unregisteredMessage(kryo.unregistered)
                        + " (topic " + topic + ", value " + value.getClass().getName() + traceOf(e) + ")", e);
            }
            throw new SerializationException("cannot serialize a " + value.getClass().getName() + " for topic "
                    + topic + " with Kryo: " + oneLine(e), e);
        } finally {
            if (output.getBuffer().length > MAX_RETAINED_BUFFER_SIZE) {
                output.setBuffer(new byte[INITIAL_BUFFER_SIZE], -1);
            }
        }
    }

    /**
     * @param topic for error messages
     * @param data not null
     * @return the decoded object, possibly null when the bytes encode Kryo's null
     * @throws SerializationException naming the topic, the length and what is wrong: empty input, an unknown class
     *     id, trailing bytes, or Kryo's complaint
     */
    Object read(String topic, byte[] data) {
        if (data.length == 0) {
            throw new SerializationException("cannot deserialize 0 bytes from topic " + topic
                    + " with Kryo: an empty array is not a Kryo encoding (null values are stored as null)");
        }
        kryo.unregistered = null;
        input.setBuffer(data);
        try {
            checkClassTag(topic, data);
            Object value = kryo.readClassAndObject(input);
            if (input.position() != data.length) {
                throw new SerializationException("cannot deserialize " + byteCount(data.length) + " from topic "
                        + topic + " with Kryo: a " + (value == null ? "null" : value.getClass().getName())
                        + " ended after " + byteCount(input.position()) + ", leaving "
                        + byteCount(data.length - input.position()) + " trailing");
            }
            return value;
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            String what;
            if (isCausedBy(e, StackOverflowError.class)) {
                what = "the data nests too deeply";
            } else if (kryo.unregistered != null) {
                what = unregisteredMessage(kryo.unregistered);
            } else {
                what = oneLine(e);
            }
            throw new SerializationException("cannot deserialize " + byteCount(data.length) + " from topic " + topic
                    + " with Kryo: " + what, e);
        } finally {
            input.setBuffer(NO_BYTES);
        }
    }

    /** Rejects, with a precise message, the common case of bytes written with a registration this reader lacks. */
    private void checkClassTag(String topic, byte[] data) {
        int tag = input.readVarInt(true);
        input.setPosition(0);
        String prefix = "cannot deserialize " + byteCount(data.length) + " from topic " + topic + " with Kryo: ";
        if (tag == NAME_TAG) {
            throw new SerializationException(prefix
                    + "the bytes name their class instead of giving a registered id, which Eddy never writes");
        }
        if (tag != NULL_TAG && kryo.getRegistration(tag - 2) == null) {
            int id = tag - 2;
            throw new SerializationException(prefix + "unknown class id " + id + "; register the class that was"
                    + " written with this id: KryoRegistrations.builder().register(<class>, " + id + ")");
        }
    }

    static String unregisteredMessage(Class<?> type) {
        String source = type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
        return "class " + type.getName() + " is not registered with Kryo; register it with a stable id:"
                + " KryoRegistrations.builder().register(" + source + ".class, <id >= "
                + KryoRegistrations.MIN_USER_ID + ">)";
    }

    /** @return ", serialization trace: field (Owner) <- ..." from Kryo's exception, or "" at the top level */
    private static String traceOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KryoException && t.getMessage() != null) {
                String message = t.getMessage();
                int at = message.indexOf("Serialization trace:");
                if (at >= 0) {
                    String trace = message.substring(at + "Serialization trace:".length()).strip();
                    return ", serialization trace: " + String.join(" <- ", trace.split("\\R"));
                }
            }
        }
        return "";
    }

    /** @return the exception's message on one line, cut short if Kryo appended a long serialization trace */
    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        String line = String.join(" ", message.strip().split("\\R"));
        return line.length() <= MAX_DETAIL_LENGTH ? line : line.substring(0, MAX_DETAIL_LENGTH) + "...";
    }

    private static String byteCount(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static boolean isCausedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers which class failed the registration check, so the failure can be reported precisely. */
    private static final class TrackingKryo extends Kryo {
        Class<?> unregistered;

        @Override
        @SuppressWarnings("rawtypes")
        protected String unregisteredClassMessage(Class type) {
            unregistered = type;
            return unregisteredMessage(type);
        }
    }
}
