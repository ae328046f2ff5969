package io.eddy.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Owns the Kryo class ids below {@value #FIRST_USER_ID}, which Eddy reserves. Every id here is part of the stored byte
 * format: once released, an entry must never be renumbered or removed, only appended (at the next free id).
 *
 * <pre>
 *  id  class                         id  class                              id  class
 *   0  int / Integer        (Kryo)   20  ArrayList                          40  Collections.singletonList
 *   1  String               (Kryo)   21  LinkedList                         41  Collections.singleton
 *   2  float / Float        (Kryo)   22  ArrayDeque                         42  Collections.singletonMap
 *   3  boolean / Boolean    (Kryo)   23  HashMap                            43  Arrays.asList
 *   4  byte / Byte          (Kryo)   24  LinkedHashMap                      44  UUID
 *   5  char / Character     (Kryo)   25  TreeMap                            45  BigDecimal
 *   6  short / Short        (Kryo)   26  ConcurrentHashMap                  46  BigInteger
 *   7  long / Long          (Kryo)   27  HashSet                            47  Instant
 *   8  double / Double      (Kryo)   28  LinkedHashSet                      48  Duration
 *   9  (unused)                      29  TreeSet                            49  LocalDate
 *  10  byte[]                        30  EnumSet                            50  LocalTime
 *  11  char[]                        31  List.of(...) (3+ or 0 elements)    51  LocalDateTime
 *  12  short[]                       32  List.of(e) / List.of(e1, e2)       52  ZonedDateTime
 *  13  int[]                         33  Set.of(...) (3+ or 0 elements)     53  OffsetDateTime
 *  14  long[]                        34  Set.of(e) / Set.of(e1, e2)         54  ZoneOffset
 *  15  float[]                       35  Map.of(...) (0 or 2+ entries)      55  ZoneId (region, e.g. Europe/Paris)
 *  16  double[]                      36  Map.of(k, v)                       56  Period
 *  17  boolean[]                     37  Collections.emptyList              57  YearMonth
 *  18  String[]                      38  Collections.emptySet               58  java.util.Date
 *  19  Object[]                      39  Collections.emptyMap               59  Optional
 *                                                                           60  java.net.URI
 * </pre>
 *
 * <p>Ids 0-8 are Kryo 5's own defaults (wrapper classes share their primitive's registration); {@link #registerAll}
 * checks they still hold, so a Kryo upgrade that moved them would fail loudly instead of silently changing the format.
 */
final class KryoReservedIds {
    /** The smallest id a user registration may take. */
    static final int FIRST_USER_ID = 100;

    private record Reserved(int id, Class<?> type, Supplier<com.esotericsoftware.kryo.Serializer<?>> serializer) {
    }

    private static final Map<Class<?>, Integer> KRYO_DEFAULTS = kryoDefaults();
    private static final List<Reserved> EDDY = eddyRegistrations();
    private static final Map<Class<?>, Integer> ALL = buildAll();

    private KryoReservedIds() {
    }

    private static Map<Class<?>, Integer> kryoDefaults() {
        Map<Class<?>, Integer> m = new LinkedHashMap<>();
        Class<?>[][] pairs = {
            {int.class, Integer.class}, {String.class}, {float.class, Float.class}, {boolean.class, Boolean.class},
            {byte.class, Byte.class}, {char.class, Character.class}, {short.class, Short.class},
            {long.class, Long.class}, {double.class, Double.class}
        };
        for (int id = 0; id < pairs.length; id++) {
            for (Class<?> c : pairs[id]) {
                m.put(c, id);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<Reserved> eddyRegistrations() {
        List<Reserved> r = new ArrayList<>();
        add(r, 10, byte[].class);
        add(r, 11, char[].class);
        add(r, 12, short[].class);
        add(r, 13, int[].class);
        add(r, 14, long[].class);
        add(r, 15, float[].class);
        add(r, 16, double[].class);
        add(r, 17, boolean[].class);
        add(r, 18, String[].class);
        add(r, 19, Object[].class);
        add(r, 20, ArrayList.class);
        add(r, 21, LinkedList.class);
        add(r, 22, ArrayDeque.class);
        add(r, 23, HashMap.class);
        add(r, 24, LinkedHashMap.class);
        add(r, 25, TreeMap.class);
        add(r, 26, ConcurrentHashMap.class);
        add(r, 27, HashSet.class);
        add(r, 28, LinkedHashSet.class);
        add(r, 29, TreeSet.class);
        add(r, 30, EnumSet.class);
        add(r, 31, List.of().getClass());
        add(r, 32, List.of(1).getClass());
        add(r, 33, Set.of().getClass());
        add(r, 34, Set.of(1).getClass());
        add(r, 35, Map.of().getClass());
        add(r, 36, Map.of(1, 1).getClass());
        add(r, 37, Collections.emptyList().getClass());
        add(r, 38, Collections.emptySet().getClass());
        add(r, 39, Collections.emptyMap().getClass());
        add(r, 40, Collections.singletonList(1).getClass());
        add(r, 41, Collections.singleton(1).getClass());
        add(r, 42, Collections.singletonMap(1, 1).getClass());
        add(r, 43, Arrays.asList(1).getClass());
        // Kryo has no default serializer for UUID or URI; field-by-field reflection into java.base is not allowed.
        r.add(new Reserved(44, UUID.class, DefaultSerializers.UUIDSerializer::new));
        add(r, 45, BigDecimal.class);
        add(r, 46, BigInteger.class);
        add(r, 47, Instant.class);
        add(r, 48, Duration.class);
        add(r, 49, LocalDate.class);
        add(r, 50, LocalTime.class);
        add(r, 51, LocalDateTime.class);
        add(r, 52, ZonedDateTime.class);
        add(r, 53, OffsetDateTime.class);
        add(r, 54, ZoneOffset.class);
        add(r, 55, ZoneId.of("Europe/Paris").getClass());
        add(r, 56, Period.class);
        add(r, 57, YearMonth.class);
        add(r, 58, Date.class);
        add(r, 59, Optional.class);
        r.add(new Reserved(60, URI.class, DefaultSerializers.URISerializer::new));
        return List.copyOf(r);
    }

    private static void add(List<Reserved> r, int id, Class<?> type) {
        r.add(new Reserved(id, type, null));
    }

    private static Map<Class<?>, Integer> buildAll() {
        Map<Class<?>, Integer> m = new LinkedHashMap<>(KRYO_DEFAULTS);
        for (Reserved r : EDDY) {
            m.put(r.type(), r.id());
        }
        return Collections.unmodifiableMap(m);
    }

    /** @return every reserved class with its id, Kryo's defaults first, then Eddy's in id order */
    static Map<Class<?>, Integer> all() {
        return ALL;
    }

    /**
     * @param type a class
     * @return its reserved id, or null when it has none
     */
    static Integer idOf(Class<?> type) {
        return ALL.get(type);
    }

    /**
     * Registers Eddy's reserved classes with {@code kryo} after checking that Kryo's own defaults sit at the expected
     * ids.
     *
     * @throws IllegalStateException if this Kryo version numbers its defaults differently
     */
    static void registerAll(Kryo kryo) {
        for (Map.Entry<Class<?>, Integer> e : KRYO_DEFAULTS.entrySet()) {
            Registration registration = kryo.getClassResolver().getRegistration(e.getKey());
            if (registration == null || registration.getId() != e.getValue()) {
                throw new IllegalStateException("Kryo registers " + e.getKey().getName() + " with id "
                        + (registration == null ? "none" : registration.getId()) + " instead of " + e.getValue()
                        + "; this Kryo version would change Eddy's stored byte format");
            }
        }
        for (Reserved r : EDDY) {
            if (r.serializer() == null) {
                kryo.register(r.type(), r.id());
            } else {
                kryo.register(r.type(), r.serializer().get(), r.id());
            }
        }
    }
}
