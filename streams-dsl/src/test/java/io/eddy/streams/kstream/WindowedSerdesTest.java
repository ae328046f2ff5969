package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Serde;
import io.eddy.serialization.SerializationException;
import io.eddy.state.SessionWindow;
import io.eddy.state.TimeWindow;
import io.eddy.state.Windowed;
import org.junit.jupiter.api.Test;

class WindowedSerdesTest {

    @Test
    void timeWindowedKeysRoundTripWithTheEndFromTheWindowSize() {
        Serde<Windowed<String>> serde = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
        Windowed<String> key = new Windowed<>("k", new TimeWindow(20, 30));
        byte[] bytes = serde.serializer().serialize("t", key);
        assertThat(bytes).hasSize(1 + 8);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(key);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void sessionWindowedKeysRoundTripWithStartAndEnd() {
        Serde<Windowed<Long>> serde = WindowedSerdes.sessionWindowedSerdeFrom(Long.class);
        Windowed<Long> key = new Windowed<>(7L, new SessionWindow(5, 9));
        byte[] bytes = serde.serializer().serialize("t", key);
        assertThat(bytes).hasSize(8 + 16);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(key);
    }

    @Test
    void rejectsTruncatedKeysAndNonPositiveWindowSizes() {
        assertThatThrownBy(() -> WindowedSerdes.sessionWindowedSerdeFrom(String.class).deserializer()
                .deserialize("t", new byte[3])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("was 3");
        assertThatThrownBy(() -> WindowedSerdes.timeWindowedSerdeFrom(String.class, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowSize=0");
    }
}
