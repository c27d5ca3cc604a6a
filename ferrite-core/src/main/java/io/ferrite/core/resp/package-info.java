/**
 * The RESP wire codec, with no channels or threads: {@link io.ferrite.core.resp.RespDecoder} turns client bytes
 * into commands incrementally, {@link io.ferrite.core.resp.RespWriter} turns handler replies into RESP2 or RESP3
 * bytes in pooled chunks. The network, tests and benchmarks share them.
 */
package io.ferrite.core.resp;
