/** The string type: SET and its options, GET, INCR and friends, APPEND, SETRANGE, LCS ... and the string encodings. */
package io.ferrite.core.type.string;
