package io.eddy.serialization;

import static io.eddy.serialization.KryoTestTypes.orderRegistrations;
import static io.eddy.serialization.KryoTestTypes.sampleOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.KryoTestTypes.Order;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KryoSerdeConcurrencyTest {
    private static final int THREADS = 8;
    private static final int VALUES_PER_THREAD = 2_000;

    @Test
    void oneSerdeSharedByManyThreadsProducesTheSameBytesAndValuesAsOneThread() throws Exception {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());
        KryoSerde<Order> reference = KryoSerde.of(Order.class, orderRegistrations());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> task = () -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < VALUES_PER_THREAD; i++) {
                        int n = thread * VALUES_PER_THREAD + i;
                        Order order = sampleOrder(n);
                        byte[] bytes = serde.serializer().serialize("t", order);
                        Order back = serde.deserializer().deserialize("t", bytes);
                        if (!order.equals(back)) {
                            throw new AssertionError("value " + n + " read back as " + back);
                        }
                        if (i % 100 == 0) {
                            byte[] expected;
                            synchronized (reference) {
                                expected = reference.serializer().serialize("t", order);
                            }
                            if (!Arrays.equals(expected, bytes)) {
                                throw new AssertionError("value " + n + " encoded differently under contention");
                            }
                        }
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(task));
            }
            start.countDown();

            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(THREADS * VALUES_PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresOnSomeThreadsDoNotDisturbOtherThreads() throws Exception {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean failing = t % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        if (failing) {
                            try {
                                serde.deserializer().deserialize("t", new byte[] {(byte) 0x67, (byte) 0xFF});
                                throw new AssertionError("garbage was accepted");
                            } catch (SerializationException expected) {
                                // the point of this thread
                            }
                        } else {
                            Order order = sampleOrder(i);
                            byte[] bytes = serde.serializer().serialize("t", order);
                            Object back = serde.deserializer().deserialize("t", bytes);
                            if (!order.equals(back)) {
                                throw new AssertionError("value " + i + " read back as " + back);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();

            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
