package io.eddy.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.SerializationException;
import io.eddy.serialization.Serdes;
import io.eddy.serialization.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The foreign-key join's message formats, store layout and value hash. */
class ForeignKeyJoinMessagesTest {
    private static final byte[] HASH = LeftValueHasher.hash("left value".getBytes(StandardCharsets.UTF_8));

    @Test
    void subscriptionsAndUnsubscriptionsSurviveTheirSerde() {
        SubscriptionWrapperSerde<String> serde = new SubscriptionWrapperSerde<>(Serdes.String());
        for (SubscriptionWrapper<String> w : new SubscriptionWrapper[] {SubscriptionWrapper.subscribe(HASH, "o1"),
                SubscriptionWrapper.unsubscribe("o2"), SubscriptionWrapper.subscribe(HASH, "")}) {
            byte[] bytes = serde.serializer().serialize("t", w);
            assertThat(bytes[0]).isEqualTo(SubscriptionWrapperSerde.VERSION);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(w);
        }
    }

    @Test
    void responsesWithAndWithoutARightValueSurviveTheirSerde() {
        SubscriptionResponseWrapperSerde<String> serde = new SubscriptionResponseWrapperSerde<>(Serdes.String());
        for (SubscriptionResponseWrapper<String> w : java.util.List.of(new SubscriptionResponseWrapper<>(HASH, "Ann"),
                new SubscriptionResponseWrapper<String>(HASH, null), new SubscriptionResponseWrapper<>(HASH, ""))) {
            byte[] bytes = serde.serializer().serialize("t", w);
            assertThat(bytes[0]).isEqualTo(SubscriptionResponseWrapperSerde.VERSION);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(w);
        }
    }

    @Test
    void messagesOfAnUnknownVersionOrTooShortAreRejectedWithAClearMessage() {
        SubscriptionWrapperSerde<String> subscriptions = new SubscriptionWrapperSerde<>(Serdes.String());
        byte[] bytes = subscriptions.serializer().serialize("t", SubscriptionWrapper.subscribe(HASH, "o1"));
        bytes[0] = 9;
        byte[] future = bytes;
        assertThatThrownBy(() -> subscriptions.deserializer().deserialize("t", future))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> subscriptions.deserializer().deserialize("t", new byte[] {1, 0, 5}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("value hash");
        SubscriptionResponseWrapperSerde<String> responses = new SubscriptionResponseWrapperSerde<>(Serdes.String());
        assertThatThrownBy(() -> responses.deserializer().deserialize("t", new byte[] {1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("header");
    }

    @Test
    void messagesRejectMissingOrMalformedHashes() {
        assertThatThrownBy(() -> SubscriptionWrapper.subscribe(new byte[3], "o1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16-byte");
        assertThatThrownBy(() -> new SubscriptionResponseWrapper<>(null, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16-byte");
    }

    @Test
    void subscriptionStoreKeysOfOneForeignKeyShareItsPrefixWhateverTheKeyBytes() {
        byte[] fk = "c1".getBytes(StandardCharsets.UTF_8);
        byte[] longerFk = "c10".getBytes(StandardCharsets.UTF_8);
        byte[] pk = "0o1".getBytes(StandardCharsets.UTF_8);
        Bytes key = SubscriptionStoreLayout.key(fk, pk);
        Bytes prefix = SubscriptionStoreLayout.prefix(fk);
        assertThat(startsWith(key, prefix)).isTrue();
        assertThat(startsWith(SubscriptionStoreLayout.key(longerFk, pk), prefix)).isFalse();
        assertThat(SubscriptionStoreLayout.primaryKey(key)).isEqualTo(pk);
        assertThatThrownBy(() -> SubscriptionStoreLayout.primaryKey(Bytes.wrap(new byte[] {0, 0, 0, 9, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length-prefixed");
    }

    private static boolean startsWith(Bytes key, Bytes prefix) {
        byte[] k = key.get();
        byte[] p = prefix.get();
        if (k.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (k[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
