/**
 * Blocking commands (BLPOP, BLMOVE, BZPOPMIN ...): a command that finds no data parks its session on its keys;
 * after any write to one of those keys the parked commands run again, first come first served, and the first run
 * that finds data replies. Stream readers (XREAD, XREADGROUP) answer only for a key signalled ready (new entries,
 * a group destroyed, the key stored anew), as Redis serves them. Parking never holds a thread on the network; the
 * embedded API waits on a future.
 */
package io.ferrite.core.blocking;
