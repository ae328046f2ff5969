package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SerdesFactoryTest {

    @Test
    void serdeFromClassReturnsTheSerdeOfEachBuiltInType() {
        assertThat(Serdes.serdeFrom(String.class)).isInstanceOf(Serdes.StringSerde.class);
        assertThat(Serdes.serdeFrom(Long.class)).isSameAs(Serdes.Long());
        assertThat(Serdes.serdeFrom(Integer.class)).isSameAs(Serdes.Integer());
        assertThat(Serdes.serdeFrom(Short.class)).isSameAs(Serdes.Short());
        assertThat(Serdes.serdeFrom(Float.class)).isSameAs(Serdes.Float());
        assertThat(Serdes.serdeFrom(Double.class)).isSameAs(Serdes.Double());
        assertThat(Serdes.serdeFrom(Boolean.class)).isSameAs(Serdes.Boolean());
        assertThat(Serdes.serdeFrom(byte[].class)).isSameAs(Serdes.ByteArray());
        assertThat(Serdes.serdeFrom(ByteBuffer.class)).isSameAs(Serdes.ByteBuffer());
        assertThat(Serdes.serdeFrom(Bytes.class)).isSameAs(Serdes.Bytes());
        assertThat(Serdes.serdeFrom(UUID.class)).isInstanceOf(Serdes.UUIDSerde.class);
        assertThat(Serdes.serdeFrom(Void.class)).isSameAs(Serdes.Void());
    }

    @Test
    void serdeFromClassAcceptsByteBufferSubclasses() {
        @SuppressWarnings("unchecked")
        Class<ByteBuffer> heapBuffer = (Class<ByteBuffer>) ByteBuffer.allocate(1).getClass();

        assertThat(Serdes.serdeFrom(heapBuffer)).isSameAs(Serdes.ByteBuffer());
    }

    @Test
    void serdeFromUnsupportedClassIsRejectedNamingTheClass() {
        assertThatThrownBy(() -> Serdes.serdeFrom(ArrayList.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.ArrayList");
    }

    @Test
    void serdeFromNullClassIsRejected() {
        assertThatThrownBy(() -> Serdes.serdeFrom((Class<?>) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serdeFromPairsTheGivenHalves() {
        Serializer<String> serializer = new StringSerializer();
        Deserializer<String> deserializer = new StringDeserializer();

        Serde<String> serde = Serdes.serdeFrom(serializer, deserializer);

        assertThat(serde.serializer()).isSameAs(serializer);
        assertThat(serde.deserializer()).isSameAs(deserializer);
    }

    @Test
    void serdeFromRejectsMissingHalves() {
        assertThatThrownBy(() -> Serdes.serdeFrom(null, new StringDeserializer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serializer");
        assertThatThrownBy(() -> Serdes.serdeFrom(new StringSerializer(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deserializer");
    }

    @Test
    void wrapperSerdeClosesBothHalves() {
        List<String> closed = new ArrayList<>();
        Serializer<String> serializer = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, String data) {
                return null;
            }

            @Override
            public void close() {
                closed.add("serializer");
            }
        };
        Deserializer<String> deserializer = new Deserializer<>() {
            @Override
            public String deserialize(String topic, byte[] data) {
                return null;
            }

            @Override
            public void close() {
                closed.add("deserializer");
            }
        };

        Serdes.serdeFrom(serializer, deserializer).close();

        assertThat(closed).containsExactly("serializer", "deserializer");
    }

    @Test
    void kafkaStyleNestedSerdeClassesCanBeInstantiatedDirectly() {
        Serde<Long> serde = new Serdes.LongSerde();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", 42L))).isEqualTo(42L);
    }

    @Test
    void configurableTextSerdesAreNotShared() {
        assertThat(Serdes.String()).isNotSameAs(Serdes.String());
        assertThat(Serdes.UUID()).isNotSameAs(Serdes.UUID());
    }
}
