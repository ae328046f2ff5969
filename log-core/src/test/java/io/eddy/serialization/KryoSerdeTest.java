package io.eddy.serialization;

import static io.eddy.serialization.KryoTestTypes.orderRegistrations;
import static io.eddy.serialization.KryoTestTypes.sampleOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.KryoTestTypes.Customer;
import io.eddy.serialization.KryoTestTypes.CustomerCard;
import io.eddy.serialization.KryoTestTypes.Envelope;
import io.eddy.serialization.KryoTestTypes.Line;
import io.eddy.serialization.KryoTestTypes.Money;
import io.eddy.serialization.KryoTestTypes.MoneySerializer;
import io.eddy.serialization.KryoTestTypes.Node;
import io.eddy.serialization.KryoTestTypes.Order;
import io.eddy.serialization.KryoTestTypes.Status;
import io.eddy.serialization.KryoTestTypes.Unregistered;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KryoSerdeTest {
    private static final String TOPIC = "orders";

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }

    @Test
    void recordWithNestedRecordsEnumCollectionsAndTimeReadsBackEqual() {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());
        Order order = sampleOrder(7);

        assertThat(roundTrip(serde, order)).isEqualTo(order);
    }

    @Test
    void enumConstantsIncludingOnesWithBodiesReadBackAsTheSameConstant() {
        KryoSerde<Status> serde = KryoSerde.of(Status.class, orderRegistrations());

        for (Status status : Status.values()) {
            assertThat(roundTrip(serde, status)).isSameAs(status);
        }
    }

    @Test
    void classWithoutNoArgConstructorReadsBackWithoutCallingItsConstructor() {
        KryoSerde<Customer> serde = KryoSerde.of(Customer.class, orderRegistrations());

        assertThat(roundTrip(serde, new Customer("Ada", 36))).isEqualTo(new Customer("Ada", 36));
    }

    @Test
    void nestedJdkCollectionsReadBackEqualWithTheirConcreteTypes() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());
        Map<String, List<Map<Integer, Set<String>>>> nested = new LinkedHashMap<>();
        nested.put("b", new ArrayList<>(List.of(new HashMap<>(Map.of(1, Set.of("x", "y"))))));
        nested.put("a", List.of(new TreeMap<>(Map.of(2, Set.of())), Map.of()));

        Object back = roundTrip(serde, nested);

        assertThat(back).isEqualTo(nested).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("b", "a");
    }

    @Test
    void preRegisteredJdkValuesReadBackWithoutAnyUserRegistration() {
        KryoSerde<Object> serde = KryoSerde.of(KryoRegistrations.builder().build());
        List<Object> values = List.of("text", 42, 42L, 1.5, true, 'c', (byte) 1, (short) 2, 1.5f,
                UUID.randomUUID(), new BigDecimal("12.345"), Instant.ofEpochSecond(5, 6), LocalDate.of(2024, 2, 29),
                Optional.of("x"), java.net.URI.create("https://example.com/a?b"));

        for (Object value : values) {
            assertThat(roundTrip(serde, value)).as(value.getClass().getName()).isEqualTo(value);
        }
        assertThat((byte[]) roundTrip(serde, new byte[] {1, 2})).containsExactly(1, 2);
        assertThat((long[]) roundTrip(serde, new long[] {Long.MIN_VALUE})).containsExactly(Long.MIN_VALUE);
        assertThat((Object[]) roundTrip(serde, new Object[] {"a", 1})).containsExactly("a", 1);
        assertThat(roundTrip(serde, Arrays.asList(1, 2))).isEqualTo(List.of(1, 2));
    }

    @Test
    void nullSerializesToNullAndBack() {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void bytesStartWithTheRegisteredClassIdSoTheyReadBackWithoutKnowingTheType() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());

        byte[] bytes = serde.serializer().serialize(TOPIC, new Line("a", 1, BigDecimal.ONE));

        // Kryo writes the class id plus 2 as a varint; 102 + 2 fits in one byte.
        assertThat(bytes[0]).isEqualTo((byte) 104);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(new Line("a", 1, BigDecimal.ONE));
    }

    @Test
    void bytesWrittenWithOneRegistrationOrderReadBackWithAnotherThatAlsoAddsClasses() {
        KryoRegistrations writerRegistrations = orderRegistrations();
        KryoRegistrations readerRegistrations = KryoRegistrations.builder()
                .register(KryoTestTypes.Money.class, 150)
                .register(Customer.class, 104)
                .register(Status.class, 103)
                .register(Envelope.class, 120)
                .register(Line.class, 102)
                .register(Order.class, 101)
                .build();
        Order order = sampleOrder(3);

        byte[] bytes = KryoSerde.of(Order.class, writerRegistrations).serializer().serialize(TOPIC, order);
        Order back = KryoSerde.of(Order.class, readerRegistrations).deserializer().deserialize(TOPIC, bytes);

        assertThat(back).isEqualTo(order);
        assertThat(KryoSerde.of(Order.class, readerRegistrations).serializer().serialize(TOPIC, order))
                .isEqualTo(bytes);
    }

    @Test
    void unregisteredTopLevelClassFailsNamingTheClassAndHowToRegisterIt() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new Unregistered()))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("class " + Unregistered.class.getName() + " is not registered with Kryo")
                .hasMessageContaining("KryoRegistrations.builder().register("
                        + Unregistered.class.getCanonicalName() + ".class, <id >= 100>)")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void unregisteredClassInsideARegisteredRecordFailsNamingTheNestedClass() {
        KryoSerde<Object> serde = KryoSerde.of(KryoRegistrations.builder().register(CustomerCard.class, 110).build());

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new CustomerCard("c1", new Customer("A", 1))))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("class " + Customer.class.getName() + " is not registered with Kryo")
                .hasMessageContaining(Customer.class.getCanonicalName() + ".class")
                .hasMessageContaining("value " + CustomerCard.class.getName())
                .hasMessageContaining("serialization trace");
    }

    @Test
    void unregisteredClassBehindAnObjectFieldFailsNamingIt() {
        KryoSerde<Object> serde = KryoSerde.of(KryoRegistrations.builder().register(Envelope.class, 110).build());

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new Envelope("e", new Unregistered())))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("class " + Unregistered.class.getName() + " is not registered with Kryo");
    }

    @Test
    void unregisteredClassInsideACollectionFailsNamingIt() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, List.of("ok", new Unregistered())))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("class " + Unregistered.class.getName() + " is not registered with Kryo");
    }

    @Test
    void serdeKeepsWorkingAfterAFailedWrite() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new Unregistered()))
                .isInstanceOf(SerializationException.class);

        assertThat(roundTrip(serde, sampleOrder(1))).isEqualTo(sampleOrder(1));
    }

    @Test
    void unknownClassIdFailsNamingTheTopicAndTheId() {
        byte[] bytes = KryoSerde.of(orderRegistrations()).serializer().serialize(TOPIC, sampleOrder(1));
        KryoSerde<Object> reader = KryoSerde.of(KryoRegistrations.builder().register(Line.class, 102).build());

        assertThatThrownBy(() -> reader.deserializer().deserialize("payments", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("payments")
                .hasMessageContaining("unknown class id 101");
    }

    @Test
    void garbageFailsNamingTheTopicAndLength() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());
        byte[] garbage = {(byte) 0x67, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};

        assertThatThrownBy(() -> serde.deserializer().deserialize("junk", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("junk")
                .hasMessageContaining(garbage.length + " bytes");
    }

    @Test
    void truncatedBytesFail() {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());
        byte[] bytes = serde.serializer().serialize(TOPIC, sampleOrder(2));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void trailingBytesFailNamingHowManyTrail() {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());
        byte[] bytes = serde.serializer().serialize(TOPIC, sampleOrder(2));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("leaving 2 bytes trailing");
    }

    @Test
    void emptyBytesFailAsNotAKryoEncoding() {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes")
                .hasMessageContaining("empty");
    }

    @Test
    void typedSerdeRejectsBytesHoldingAnotherRegisteredType() {
        byte[] lineBytes = KryoSerde.of(orderRegistrations()).serializer()
                .serialize(TOPIC, new Line("a", 1, BigDecimal.ONE));
        KryoSerde<Order> orders = KryoSerde.of(Order.class, orderRegistrations());

        assertThatThrownBy(() -> orders.deserializer().deserialize(TOPIC, lineBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining(Line.class.getName());
    }

    @Test
    void cyclicGraphFailsWithASerializationExceptionInsteadOfAStackOverflow() {
        KryoSerde<Node> serde = KryoSerde.of(Node.class, KryoRegistrations.builder().register(Node.class, 100).build());
        Node node = new Node();
        node.next = node;

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, node))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cyclic");
    }

    @Test
    void customKryoSerializerIsUsedForItsClass() {
        KryoSerde<Money> serde = KryoSerde.of(Money.class,
                KryoRegistrations.builder().register(Money.class, 130, MoneySerializer::new).build());

        byte[] bytes = serde.serializer().serialize(TOPIC, new Money(250, "EUR"));

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(new Money(250, "EUR"));
        // class tag (130 + 2 = 0x84 0x01 as varint), varlong 250 (0xFA 0x01), then Kryo's ASCII string "EUR"
        assertThat(bytes).hasSize(2 + 2 + 3);
    }

    @Test
    void supplierReturningNullIsRejectedWhenTheSerdeIsBuilt() {
        KryoRegistrations registrations = KryoRegistrations.builder()
                .register(Money.class, 130, () -> null).build();

        assertThatThrownBy(() -> KryoSerde.of(registrations))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Money.class.getName());
    }

    @Test
    void serdesKryoShortcutBuildsAWorkingSerde() {
        Serde<Order> serde = Serdes.kryo(Order.class, orderRegistrations());
        Serde<Object> untyped = Serdes.kryo(orderRegistrations());

        assertThat(roundTrip(serde, sampleOrder(4))).isEqualTo(sampleOrder(4));
        assertThat(roundTrip(untyped, sampleOrder(5))).isEqualTo(sampleOrder(5));
    }

    @Test
    void closedSerdeStaysUsable() {
        KryoSerde<Order> serde = KryoSerde.of(Order.class, orderRegistrations());
        serde.close();

        assertThat(roundTrip(serde, sampleOrder(6))).isEqualTo(sampleOrder(6));
    }

    @Test
    void largeValueRoundTripsAndLaterSmallValuesStillWork() {
        KryoSerde<Object> serde = KryoSerde.of(orderRegistrations());
        byte[] big = new byte[3 * 1024 * 1024];
        big[big.length - 1] = 42;

        assertThat((byte[]) roundTrip(serde, big)).isEqualTo(big);
        assertThat(roundTrip(serde, "small")).isEqualTo("small");
    }
}
