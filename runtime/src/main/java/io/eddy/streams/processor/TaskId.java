package io.eddy.streams.processor;

/**
 * Identifies a task: a subtopology and a partition number. Immutable; printed as {@code <subtopology>_<partition>}.
 *
 * @param subtopology the subtopology id
 * @param partition the input partition number
 */
public record TaskId(int subtopology, int partition) implements Comparable<TaskId> {

    /**
     * @param s a task id printed by {@link #toString()}
     * @return the task id
     * @throws IllegalArgumentException if {@code s} is not of the form {@code N_M}
     */
    public static TaskId parse(String s) {
        int u = s.indexOf('_');
        try {
            return new TaskId(Integer.parseInt(s.substring(0, u)), Integer.parseInt(s.substring(u + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a task id: '" + s + "' (expected <subtopology>_<partition>)");
        }
    }

    @Override
    public int compareTo(TaskId o) {
        int c = Integer.compare(subtopology, o.subtopology);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
