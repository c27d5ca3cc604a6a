package io.ferrite.core.server;

import io.ferrite.core.config.Config;
import io.ferrite.core.resp.RespFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's latency monitor: for each event ({@code command}, {@code fast-command}) a ring of the latest 160
 * one-second samples of spikes at or above {@code latency-monitor-threshold} ms (two spikes in one second keep the
 * larger), and the largest spike since the event's last reset. LATENCY LATEST, HISTORY, RESET, GRAPH and DOCTOR read
 * it.
 *
 * <p>Thread-safe: guarded by this object's monitor. The dispatcher compares a command's duration with the threshold
 * before calling {@link #add}, so a command under it (the usual case) never takes the lock.
 */
public final class LatencyMonitor {
    /** Samples kept per event (Redis's {@code LATENCY_TS_LEN}). */
    static final int SAMPLES = 160;
    private static final int GRAPH_COLUMNS = 80;
    private static final int GRAPH_ROWS = 4;

    /** One second's spike: its Unix second and its latency in milliseconds. */
    record Sample(long time, long millis) {}

    /** An event's latest spike and its largest since the event's last reset. */
    record Latest(String event, Sample last, long max) {}

    private static final class Series {
        final long[] times = new long[SAMPLES];
        final long[] millis = new long[SAMPLES];
        int next;
        long max;

        /** The samples taken, oldest first. */
        List<Sample> samples() {
            List<Sample> out = new ArrayList<>();
            for (int j = 0; j < SAMPLES; j++) {
                int i = (next + j) % SAMPLES;
                if (times[i] != 0) out.add(new Sample(times[i], millis[i]));
            }
            return out;
        }

        Sample latest() {
            int i = (next + SAMPLES - 1) % SAMPLES;
            return new Sample(times[i], millis[i]);
        }
    }

    private final Config config;
    // In creation order, where Redis lists events in its hash table's order.
    private final Map<String, Series> events = new LinkedHashMap<>();

    public LatencyMonitor(Config config) {
        this.config = config;
    }

    /** Records a spike of {@code millis} for {@code event} at Unix second {@code now}. */
    public synchronized void add(String event, long millis, long now) {
        Series s = events.computeIfAbsent(event, e -> new Series());
        if (millis > s.max) s.max = millis;
        int previous = (s.next + SAMPLES - 1) % SAMPLES;
        if (s.times[previous] == now) {
            if (millis > s.millis[previous]) s.millis[previous] = millis;
            return;
        }
        s.times[s.next] = now;
        s.millis[s.next] = millis;
        s.next = (s.next + 1) % SAMPLES;
    }

    /** LATENCY LATEST: per event, its name, the time and latency of its latest spike, and its largest. */
    synchronized List<Latest> latest() {
        List<Latest> out = new ArrayList<>();
        for (Map.Entry<String, Series> e : events.entrySet()) {
            out.add(new Latest(e.getKey(), e.getValue().latest(), e.getValue().max));
        }
        return out;
    }

    /** LATENCY HISTORY: the event's samples, oldest first; empty for an event never seen. */
    synchronized List<Sample> history(String event) {
        Series s = events.get(event);
        return s == null ? List.of() : s.samples();
    }

    /** LATENCY RESET: forgets the named events (every event when none is named); how many there were. */
    synchronized int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) if (events.remove(name) != null) n++;
        return n;
    }

    /**
     * LATENCY GRAPH: a title line, a rule and Redis's sparkline of the event's samples (4 rows, filled), each
     * labelled with how long ago it was taken; null for an event never seen.
     */
    synchronized String graph(String event, long now) {
        Series s = events.get(event);
        if (s == null) return null;
        List<Sample> samples = s.samples();
        long low = 0;
        long high = 0;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            long v = samples.get(i).millis();
            if (i == 0) {
                low = high = v;
            } else {
                high = Math.max(high, v);
                low = Math.min(low, v);
            }
            labels.add(ago(now - samples.get(i).time()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(event).append(" - high ").append(high).append(" ms, low ").append(low)
                .append(" ms (all time high ").append(s.max).append(" ms)\n");
        sb.append("-".repeat(GRAPH_COLUMNS)).append('\n');
        for (int from = 0; from < samples.size(); from += GRAPH_COLUMNS) {
            if (from != 0) sb.append('\n');
            int to = Math.min(samples.size(), from + GRAPH_COLUMNS);
            sparkline(sb, samples, labels, from, to, low, high);
        }
        return sb.toString();
    }

    /** Seconds, minutes, hours or days ago, as the graph labels a sample. */
    private static String ago(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m";
        if (seconds < 86400) return seconds / 3600 + "h";
        return seconds / 86400 + "d";
    }

    /**
     * Redis's filled sparkline of {@code samples[from, to)}: each sample gets a column of {@link #GRAPH_ROWS} rows of
     * three steps each ({@code _ o #}, with {@code |} below the top), scaled between the whole series' low and high;
     * then a blank row and the labels written downwards.
     */
    private static void sparkline(StringBuilder sb, List<Sample> samples, List<String> labels, int from, int to,
                                  long low, long high) {
        final String steps = "_o#";
        int totalSteps = steps.length() * GRAPH_ROWS;
        double range = high - low == 0 ? 1 : high - low;
        int width = to - from;
        char[] line = new char[width];
        for (int row = 0; ; row++) {
            boolean more = false;
            java.util.Arrays.fill(line, ' ');
            for (int i = 0; i < width; i++) {
                if (row < GRAPH_ROWS) {
                    // C truncates (value * steps) to an int before dividing by the range.
                    int step = (int) ((int) ((samples.get(from + i).millis() - low) * (double) totalSteps) / range);
                    step = Math.max(0, Math.min(totalSteps - 1, step));
                    int index = step - (GRAPH_ROWS - row - 1) * steps.length();
                    more = true;
                    if (index >= 0 && index < steps.length()) line[i] = steps.charAt(index);
                    else if (index >= steps.length()) line[i] = '|';
                } else {
                    if (row == GRAPH_ROWS) {
                        more = true; // the blank row between the graph and its labels
                        break;
                    }
                    String label = labels.get(from + i);
                    int at = row - GRAPH_ROWS - 1;
                    if (label.length() > at) {
                        more = true;
                        line[i] = label.charAt(at);
                    }
                }
            }
            if (!more) return;
            sb.append(line).append('\n');
        }
    }

    /**
     * LATENCY DOCTOR: Redis's report for the events Ferrite samples. Only {@code command} and {@code fast-command}
     * exist here, so only their advice can appear.
     */
    synchronized String doctor(long now) {
        if (events.isEmpty() && config.latencyMonitorThreshold == 0) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't "
                    + "in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        }
        StringBuilder sb = new StringBuilder();
        boolean enableSlowlog = false;
        boolean tuneSlowlog = false;
        boolean inspectSlowlog = false;
        boolean scheduler = false;
        boolean largeObjects = false;
        int advices = 0;
        int n = 0;
        for (Map.Entry<String, Series> e : events.entrySet()) {
            String event = e.getKey();
            Series s = e.getValue();
            if (++n == 1) {
                sb.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about "
                        + "it, do you Dave?\n\n");
            }
            List<Sample> samples = s.samples();
            long sum = 0;
            long oldest = 0;
            for (Sample x : samples) {
                sum += x.millis();
                if (oldest == 0 || x.time() < oldest) oldest = x.time();
            }
            long avg = samples.isEmpty() ? 0 : sum / samples.size();
            long period = samples.isEmpty() ? 0 : Math.max(1, now - oldest);
            long deviation = 0;
            for (Sample x : samples) deviation += Math.abs(avg - x.millis());
            long mad = samples.isEmpty() ? 0 : deviation / samples.size();
            sb.append(n).append(". ").append(event).append(": ").append(samples.size())
                    .append(" latency spikes (average ").append(avg).append("ms, mean deviation ").append(mad)
                    .append("ms, period ")
                    .append(RespFormat.fixed((double) period / samples.size(), 2))
                    .append(" sec). Worst all time event ").append(s.max).append("ms.");
            if (event.equals("command")) {
                if (config.slowlogLogSlowerThan < 0 || config.slowlogMaxLen == 0) {
                    enableSlowlog = true;
                    advices++;
                } else if (config.slowlogLogSlowerThan / 1000 > config.latencyMonitorThreshold) {
                    tuneSlowlog = true;
                    advices++;
                }
                inspectSlowlog = true;
                largeObjects = true;
                advices += 2;
            } else if (event.equals("fast-command")) {
                scheduler = true;
                advices++;
            }
            sb.append('\n');
        }
        if (n == 0) {
            sb.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think "
                    + "things over.\n");
            return sb.toString();
        }
        if (advices == 0) {
            sb.append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the "
                    + "Redis community to get some help, providing this report in your request.\n");
            return sb.toString();
        }
        long suggested = config.latencyMonitorThreshold * 1000;
        sb.append("\nI have a few advices for you:\n\n");
        if (enableSlowlog) {
            sb.append("- There are latency issues with potentially slow commands you are using. Try to enable the Slow "
                    + "Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ").append(suggested)
                    .append("'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n");
        }
        if (tuneSlowlog) {
            sb.append("- Your current Slow Log configuration only logs events that are slower than your configured "
                    + "latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ").append(suggested)
                    .append("'.\n");
        }
        if (inspectSlowlog) {
            sb.append("- Check your Slow Log to understand what are the commands you are running which are too slow "
                    + "to execute. Please check https://redis.io/commands/slowlog for more information.\n");
        }
        if (scheduler) {
            sb.append("- The system is slow to execute Redis code paths not containing system calls. This usually "
                    + "means the system does not provide Redis CPU time to run for long periods. You should try to:\n"
                    + "  1) Lower the system load.\n"
                    + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
                    + "  3) Check if you have a \"noisy neighbour\" problem.\n"
                    + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n"
                    + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are "
                    + "using Jemalloc. However this may create fragmentation problems.\n");
        }
        if (largeObjects) {
            sb.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking "
                    + "operation. If you have very large objects that are often deleted, expired, or evicted, try to "
                    + "fragment those objects into multiple smaller objects.\n");
        }
        return sb.toString();
    }
}
