/**
 * The string type: SET and its options, GET, INCR and friends, APPEND, SETRANGE, LCS ... and the string encodings;
 * and the bitmap commands on strings (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD).
 */
package io.ferrite.core.type.string;
