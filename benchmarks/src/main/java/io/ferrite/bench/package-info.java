/**
 * JMH suites that measure Ferrite beside the in-process alternatives (ConcurrentHashMap, Caffeine) in the same run,
 * and footprint programs that measure heap per key. Figures are reported as ratios measured in one run.
 */
package io.ferrite.bench;
