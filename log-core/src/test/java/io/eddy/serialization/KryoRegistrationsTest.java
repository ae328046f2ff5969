package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.KryoTestTypes.Customer;
import io.eddy.serialization.KryoTestTypes.Line;
import io.eddy.serialization.KryoTestTypes.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KryoRegistrationsTest {

    @Test
    void idsBelow100AreRejectedAsReservedForEddy() {
        assertThatThrownBy(() -> KryoRegistrations.builder().register(Order.class, 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("reserved")
                .hasMessageContaining(">= 100");
        assertThatThrownBy(() -> KryoRegistrations.builder().register(Order.class, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsSoLargeThatKryoWouldOverflowAreRejected() {
        assertThatThrownBy(() -> KryoRegistrations.builder().register(Order.class, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
        KryoRegistrations.builder().register(Order.class, KryoRegistrations.MAX_USER_ID).build();
    }

    @Test
    void duplicateIdIsRejectedNamingBothClasses() {
        KryoRegistrations.Builder builder = KryoRegistrations.builder().register(Order.class, 101);

        assertThatThrownBy(() -> builder.register(Line.class, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining(Line.class.getName());
    }

    @Test
    void duplicateClassIsRejectedNamingBothIds() {
        KryoRegistrations.Builder builder = KryoRegistrations.builder().register(Order.class, 101);

        assertThatThrownBy(() -> builder.register(Order.class, 102))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("101")
                .hasMessageContaining("102");
    }

    @Test
    void registeringAClassEddyPreRegistersIsRejected() {
        assertThatThrownBy(() -> KryoRegistrations.builder().register(ArrayList.class, 150))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.ArrayList")
                .hasMessageContaining("pre-registered");
        assertThatThrownBy(() -> KryoRegistrations.builder().register(Long.class, 151))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Long");
    }

    @Test
    void nullTypeOrSupplierIsRejected() {
        assertThatThrownBy(() -> KryoRegistrations.builder().register(null, 101))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KryoRegistrations.builder().register(Customer.class, 101, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void idsAreListedInIdOrderWhateverTheRegistrationOrder() {
        KryoRegistrations registrations = KryoRegistrations.builder()
                .register(Line.class, 300)
                .register(Customer.class, 100)
                .register(Order.class, 200)
                .build();

        assertThat(registrations.ids()).containsExactly(
                org.assertj.core.api.Assertions.entry(Customer.class, 100),
                org.assertj.core.api.Assertions.entry(Order.class, 200),
                org.assertj.core.api.Assertions.entry(Line.class, 300));
    }

    @Test
    void buildTakesASnapshotSoLaterRegistrationsDoNotLeakIn() {
        KryoRegistrations.Builder builder = KryoRegistrations.builder().register(Order.class, 101);
        KryoRegistrations first = builder.build();

        builder.register(Line.class, 102);

        assertThat(first.ids()).containsOnlyKeys(Order.class);
        assertThat(builder.build().ids()).containsOnlyKeys(Order.class, Line.class);
    }

    /** Guards the stored format: these ids are written into logs and must never move. */
    @Test
    void reservedIdsOfCommonJdkTypesNeverChange() {
        assertThat(KryoRegistrations.reservedIds())
                .containsEntry(int.class, 0)
                .containsEntry(Integer.class, 0)
                .containsEntry(String.class, 1)
                .containsEntry(Long.class, 7)
                .containsEntry(Double.class, 8)
                .containsEntry(byte[].class, 10)
                .containsEntry(int[].class, 13)
                .containsEntry(long[].class, 14)
                .containsEntry(Object[].class, 19)
                .containsEntry(ArrayList.class, 20)
                .containsEntry(HashMap.class, 23)
                .containsEntry(java.util.LinkedHashMap.class, 24)
                .containsEntry(java.util.TreeMap.class, 25)
                .containsEntry(java.util.HashSet.class, 27)
                .containsEntry(UUID.class, 44)
                .containsEntry(BigDecimal.class, 45)
                .containsEntry(Instant.class, 47)
                .containsEntry(LocalDate.class, 49)
                .containsEntry(java.net.URI.class, 60);
        assertThat(KryoRegistrations.reservedIds().values()).allSatisfy(id -> assertThat(id).isLessThan(100));
    }

    @Test
    void reservedIdsAreUniqueApartFromPrimitivesSharingWithTheirWrappers() {
        long distinctIds = KryoRegistrations.reservedIds().values().stream().distinct().count();
        long nonPrimitiveTypes = KryoRegistrations.reservedIds().keySet().stream()
                .filter(c -> !c.isPrimitive()).count();

        assertThat(distinctIds).isEqualTo(nonPrimitiveTypes);
    }
}
