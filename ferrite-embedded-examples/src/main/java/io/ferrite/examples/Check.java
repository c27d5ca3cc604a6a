package io.ferrite.examples;

import java.util.Objects;

/** The examples verify what they print, so that running them in CI proves they still work. */
final class Check {
    private Check() {}

    static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual);
        }
    }
}
