package io.ferrite.core.resp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A free list of fixed-size heap chunks that {@link RespWriter}s borrow while they hold unsent replies, so an idle
 * connection holds no output memory and a busy one reuses warm chunks instead of allocating.
 *
 * <p>Not thread-safe: each event loop owns one and its connections use it from the loop's thread only.
 */
public final class BufferPool {
    public static final int DEFAULT_CHUNK_SIZE = 16 * 1024;

    private final int chunkSize;
    private final int maxPooled;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    /** Scratch array for gathering writes, shared by the pool's writers (they write one at a time). */
    private final ByteBuffer[] gather = new ByteBuffer[64];

    /** A pool of {@code chunkSize}-byte chunks keeping at most {@code maxPooled} free ones. */
    public BufferPool(int chunkSize, int maxPooled) {
        if (chunkSize < 64) throw new IllegalArgumentException("chunk size too small: " + chunkSize);
        if (maxPooled < 0) throw new IllegalArgumentException("negative pool size: " + maxPooled);
        this.chunkSize = chunkSize;
        this.maxPooled = maxPooled;
    }

    /** An unpooled source of default-size chunks, for tests and one-off writers. */
    public static BufferPool unpooled() {
        return new BufferPool(DEFAULT_CHUNK_SIZE, 0);
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** A cleared chunk of {@link #chunkSize()} bytes, backed by an accessible array. */
    public ByteBuffer take() {
        ByteBuffer b = free.pollFirst();
        return b != null ? b.clear() : ByteBuffer.allocate(chunkSize);
    }

    /** Returns a chunk taken from this pool; the caller must not use it afterwards. */
    public void give(ByteBuffer b) {
        if (free.size() < maxPooled && b.capacity() == chunkSize) free.addFirst(b);
    }

    /** The writers' scratch array for gathering writes; cleared by its user after each write. */
    ByteBuffer[] gatherArray() {
        return gather;
    }

    /** Free chunks currently held. */
    public int pooled() {
        return free.size();
    }
}
