package io.eddy.streams.kstream;

import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.Properties;

/** Test drivers with and without record caches. */
final class Drivers {
    private Drivers() {
    }

    static TopologyTestDriver cached(Topology topology) {
        return new TopologyTestDriver(topology, new Properties());
    }

    static TopologyTestDriver uncached(Topology topology) {
        Properties p = new Properties();
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        return new TopologyTestDriver(topology, p);
    }
}
