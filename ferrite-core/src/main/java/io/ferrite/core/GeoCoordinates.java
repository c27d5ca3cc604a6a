package io.ferrite.core;

/** A position as GEOPOS answers it: longitude and latitude in degrees (decoded from the stored geohash). */
public record GeoCoordinates(double longitude, double latitude) {}
