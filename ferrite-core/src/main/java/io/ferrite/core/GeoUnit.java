package io.ferrite.core;

/** The distance units of the geo commands (Redis's {@code m}, {@code km}, {@code ft}, {@code mi}). */
public enum GeoUnit {
    M, KM, FT, MI
}
