/**
 * The RESP codec, independent of any channel so that the network, tests and benchmarks share it: an incremental
 * decoder for multibulk and inline commands, and the writer, the only code that knows RESP2 from RESP3.
 */
package io.ferrite.core.resp;
