/**
 * HyperLogLog: PFADD, PFCOUNT, PFMERGE, PFDEBUG and PFSELFTEST on string values whose bytes are exactly Redis's
 * (header with cached cardinality, sparse and dense register encodings, MurmurHash64A, Ertl's estimator), so that
 * GET, DUMP-style copies and PFCOUNT answers agree with Redis. {@code Hll} is the format, {@code HllCommands} the
 * command specs and handlers.
 */
package io.ferrite.core.type.hll;
