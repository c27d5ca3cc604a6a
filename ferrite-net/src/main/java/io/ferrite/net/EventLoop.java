package io.ferrite.net;

import io.ferrite.core.resp.BufferPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread owning one {@link Selector}, a task queue and a periodic timer. Every connection registered here is
 * served only by this thread: its reads, command executions, writes and interest changes. Other threads reach a
 * connection by {@link #execute}-ing a task here.
 *
 * <p>The loop also owns what its connections share because they never run at the same time: one read buffer
 * (the decoder copies out what it keeps) and a pool of output chunks.
 */
final class EventLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final int READ_BUFFER_SIZE = 16 * 1024;

    final FerriteServer server;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    // A heap buffer: the JDK reads through its cached direct buffer and copies the bytes that arrived, and the
    // decoder then scans the array without per-byte buffer checks (measured cheaper than parsing a direct buffer).
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    private final BufferPool pool = new BufferPool(BufferPool.DEFAULT_CHUNK_SIZE, 256);
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** How long the loop keeps polling after its last event before it sleeps in {@code select}; 0: never polls. */
    private final long busyPollNanos;
    private long nextTick;
    /** Set by {@link #shutdown}: connections stop reading, flush, and close by {@link #deadline}. */
    private boolean stopping;
    private long deadline;

    EventLoop(FerriteServer server, int index, long busyPollNanos) throws IOException {
        this.server = server;
        this.busyPollNanos = busyPollNanos;
        this.selector = Selector.open();
        this.thread = new Thread(this, "ferrite-loop-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread, soon; callable from any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) selector.wakeup();
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    BufferPool pool() {
        return pool;
    }

    boolean stopping() {
        return stopping;
    }

    /** Stops reading, lets connections flush until {@code deadlineNanos}, then closes them and ends the thread. */
    void shutdown(long deadlineNanos) {
        execute(() -> {
            stopping = true;
            deadline = deadlineNanos;
            for (Connection c : connections()) c.stopReading();
        });
    }

    boolean awaitTermination(long nanos) throws InterruptedException {
        return terminated.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (true) {
                wakeupPending.set(false);
                runTasks();
                if (stopping && (connections().isEmpty() || System.nanoTime() - deadline >= 0)) break;
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                if (busyPollNanos == 0 || !busyPoll()) selector.select(this::dispatch, wait);
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    tick();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            log.error("event loop {} failed", thread.getName(), e);
        } catch (RuntimeException | Error e) {
            log.error("event loop {} failed", thread.getName(), e);
            throw e;
        } finally {
            for (Connection c : connections()) c.close();
            for (SelectionKey k : selector.keys()) closeQuietly(k);
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("closing selector", e);
            }
            terminated.countDown();
        }
    }

    private static void closeQuietly(SelectionKey k) {
        try {
            k.channel().close();
        } catch (IOException e) {
            log.debug("closing channel", e);
        }
    }

    /**
     * Polls without sleeping for up to {@link #busyPollNanos}; true if that found events or tasks (the caller goes
     * round again), false if the loop should sleep in {@code select}. A loop that is awake when the next request
     * arrives spares the sender's kernel the wake-up of a sleeping thread, and the request its latency.
     */
    private boolean busyPoll() throws IOException {
        long until = System.nanoTime() + busyPollNanos;
        do {
            if (selector.selectNow(this::dispatch) > 0 || !tasks.isEmpty()) return true;
            Thread.onSpinWait();
        } while (System.nanoTime() - until < 0);
        return false;
    }

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run();
            } catch (RuntimeException e) {
                log.error("event loop task failed", e);
            }
        }
    }

    private void dispatch(SelectionKey key) {
        Handler h = (Handler) key.attachment();
        try {
            h.ready(key.readyOps());
        } catch (java.nio.channels.CancelledKeyException e) {
            // The connection closed itself while handling an earlier event of this round.
        }
    }

    /**
     * The periodic work of Redis's clientsCron: idle timeouts (not for clients a command holds: blocked clients
     * have their own timeout) and the end of a CLIENT PAUSE.
     */
    private void tick() {
        io.ferrite.core.Ferrite engine = server.engine();
        int timeoutSeconds = engine.config().timeout;
        long pausedUntil = engine.clients().pausedUntilMillis();
        long now = engine.ticker().currentTimeMillis();
        // A pause over for a second has released every connection it held (each tick retries them).
        boolean pauseToEnd = pausedUntil != 0 && now - pausedUntil < 1000;
        if (timeoutSeconds <= 0 && !pauseToEnd) return;
        long idleLimit = timeoutSeconds * 1000L;
        for (Connection c : connections()) {
            if (c.held()) {
                c.retryPaused();
            } else if (timeoutSeconds > 0 && now - c.lastInteractionMillis() > idleLimit) {
                c.close();
            }
        }
    }

    /** CLIENT UNPAUSE: the commands it held back run now. */
    void retryPaused() {
        execute(() -> {
            for (Connection c : connections()) c.retryPaused();
        });
    }

    /** This loop's connections; a snapshot, safe to close them while iterating. */
    List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (SelectionKey k : selector.keys()) {
            if (k.isValid() && k.attachment() instanceof Connection c) out.add(c);
        }
        return out;
    }
}
