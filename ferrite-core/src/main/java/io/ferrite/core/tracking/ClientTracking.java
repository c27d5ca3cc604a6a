package io.ferrite.core.tracking;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * One client's CLIENT TRACKING mode: Redis's {@code CLIENT_TRACKING*} flags, the redirect target and the BCAST
 * prefixes. The session's own thread changes it (CLIENT TRACKING / CACHING); writers on other threads read the
 * flags when they invalidate, and CLIENT LIST reads them, hence the volatile fields.
 */
public final class ClientTracking {
    volatile boolean on;
    volatile boolean bcast;
    volatile boolean optin;
    volatile boolean optout;
    volatile boolean noloop;
    /** CLIENT CACHING YES (OPTIN) or NO (OPTOUT) given for the next command. */
    volatile boolean caching;
    /** An invalidation found the redirect target gone (CLIENT LIST flag R). */
    volatile boolean brokenRedirect;
    /** The client id invalidations go to; 0: this client itself. */
    volatile long redirect;
    /** BCAST prefixes in byte order, as Redis's radix tree lists them; owner thread only. */
    final TreeSet<byte[]> prefixes = new TreeSet<>(Arrays::compareUnsigned);

    public boolean on() { return on; }
    public boolean bcast() { return bcast; }
    public boolean brokenRedirect() { return brokenRedirect; }

    /** CLIENT GETREDIR's and CLIENT LIST's {@code redir}: the target id, 0 for none, -1 when tracking is off. */
    public long redirectOrMinusOne() {
        return on ? redirect : -1;
    }

    /** Whether the reads of the command now running are to be remembered (default mode, OPTIN/OPTOUT choice). */
    boolean remembersReads() {
        if (!on || bcast) return false;
        return optin ? caching : !(optout && caching);
    }

    /** CLIENT CACHING lasts one command (a whole transaction when given before MULTI's commands run). */
    public void commandDone() {
        caching = false;
    }

    public boolean cachingGiven() {
        return caching;
    }

    List<byte[]> prefixList() {
        return List.copyOf(prefixes);
    }
}
