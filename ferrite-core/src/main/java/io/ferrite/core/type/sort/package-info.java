/**
 * SORT and SORT_RO (Redis's {@code sort.c}) over lists, sets and sorted sets, with BY and GET patterns reaching
 * other keys (strings and hash fields).
 */
package io.ferrite.core.type.sort;
