package io.eddy.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Application-like types for the Kryo serde tests. */
final class KryoTestTypes {
    private KryoTestTypes() {
    }

    enum Status {
        NEW,
        PAID {
            @Override
            boolean settled() {
                return true;
            }
        },
        SHIPPED;

        boolean settled() {
            return false;
        }
    }

    record Line(String sku, int quantity, BigDecimal price) {
    }

    record Order(String id, long customerId, Status status, List<Line> lines, Map<String, Set<Integer>> tags,
            Instant placedAt) {
    }

    /** Has no no-arg constructor, and its only constructor rejects what Objenesis would pass. */
    static final class Customer {
        private final String name;
        private final int age;

        Customer(String name, int age) {
            this.name = Objects.requireNonNull(name);
            if (age < 0) {
                throw new IllegalArgumentException("age");
            }
            this.age = age;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customer c && c.name.equals(name) && c.age == age;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, age);
        }

        @Override
        public String toString() {
            return "Customer(" + name + ", " + age + ")";
        }
    }

    /** Never registered anywhere. */
    static final class Unregistered {
        final int x = 1;
    }

    record Envelope(String id, Object payload) {
    }

    record CustomerCard(String id, Customer customer) {
    }

    /** Mutable, so a test can make it point at itself. */
    static final class Node {
        Node next;
    }

    record Money(long cents, String currency) {
    }

    /** Writes money as "cents currency" to prove a custom serializer is used. */
    static final class MoneySerializer extends com.esotericsoftware.kryo.Serializer<Money> {
        @Override
        public void write(Kryo kryo, Output output, Money money) {
            output.writeVarLong(money.cents(), true);
            output.writeString(money.currency());
        }

        @Override
        public Money read(Kryo kryo, Input input, Class<? extends Money> type) {
            return new Money(input.readVarLong(true), input.readString());
        }
    }

    static KryoRegistrations orderRegistrations() {
        return KryoRegistrations.builder()
                .register(Order.class, 101)
                .register(Line.class, 102)
                .register(Status.class, 103)
                .register(Customer.class, 104)
                .build();
    }

    static Order sampleOrder(int n) {
        return new Order("order-" + n, 1000L + n, Status.values()[n % 3],
                List.of(new Line("sku-" + n, n, new BigDecimal("9.99")), new Line("gift", 1, BigDecimal.ZERO)),
                Map.of("batch", Set.of(n, n + 1)), Instant.ofEpochSecond(1_700_000_000L + n, n));
    }
}
