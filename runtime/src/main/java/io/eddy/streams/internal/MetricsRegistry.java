package io.eddy.streams.internal;

import io.eddy.log.TopicPartition;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's metrics: per task records processed and dropped, punctuations, average process latency and records
 * restored; per input partition consumer lag; the commit count and average commit latency. Read as a snapshot map and exposed as one JMX MBean
 * {@code io.eddy.streams:type=stream-metrics,client-id=<application.id>} whose attributes are the same names.
 */
public final class MetricsRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistry.class);

    private final String applicationId;
    private final Supplier<StreamRuntime> runtime;
    private ObjectName objectName;

    public MetricsRegistry(String applicationId, Supplier<StreamRuntime> runtime) {
        this.applicationId = applicationId;
        this.runtime = runtime;
    }

    /** @return metric name to value, sorted by name */
    public Map<String, Number> snapshot() {
        Map<String, Number> out = new TreeMap<>();
        StreamRuntime rt = runtime.get();
        if (rt == null) {
            return out;
        }
        long processed = 0;
        long dropped = 0;
        for (StreamTask t : rt.tasks()) {
            TaskMetrics m = t.metrics();
            String prefix = "task." + t.taskId() + ".";
            out.put(prefix + "records-processed-total", m.processed());
            out.put(prefix + "dropped-records-total", m.dropped());
            out.put(prefix + "punctuate-total", m.punctuations());
            out.put(prefix + "process-latency-avg-ns", m.processLatencyAvgNanos());
            out.put(prefix + "restore-records-total", m.restored());
            processed += m.processed();
            dropped += m.dropped();
            for (TopicPartition tp : t.logPartitions()) {
                try {
                    out.put("lag." + tp, t.lag(tp, rt.backend().endOffset(tp)));
                } catch (RuntimeException e) {
                    // the log is closing; skip lag
                }
            }
        }
        out.put("records-processed-total", processed);
        out.put("dropped-records-total", dropped);
        out.put("commit-total", rt.commits());
        out.put("commit-latency-avg-ms", rt.commitLatencyAvgMs());
        out.put("stream-threads", rt.threads().size());
        return out;
    }

    public void registerJmx() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.eddy.streams:type=stream-metrics,client-id="
                    + ObjectName.quote(applicationId));
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new MetricsBean(), name);
            objectName = name;
        } catch (JMException e) {
            LOG.warn("cannot register JMX metrics for {}", applicationId, e);
        }
    }

    public void unregisterJmx() {
        if (objectName == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
        } catch (JMException e) {
            LOG.debug("JMX metrics of {} were already unregistered", applicationId);
        }
        objectName = null;
    }

    private final class MetricsBean implements DynamicMBean {
        @Override
        public Object getAttribute(String attribute) {
            return snapshot().get(attribute);
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException("metrics are read-only");
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            Map<String, Number> s = snapshot();
            AttributeList list = new AttributeList();
            for (String a : attributes) {
                if (s.containsKey(a)) {
                    list.add(new Attribute(a, s.get(a)));
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) {
            throw new UnsupportedOperationException("no operations");
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            Map<String, Number> s = snapshot();
            MBeanAttributeInfo[] attrs = s.keySet().stream()
                    .map(k -> new MBeanAttributeInfo(k, "java.lang.Number", k, true, false, false))
                    .toArray(MBeanAttributeInfo[]::new);
            return new MBeanInfo(getClass().getName(), "Eddy stream metrics of " + applicationId, attrs, null, null,
                    null);
        }
    }
}
