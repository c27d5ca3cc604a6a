/**
 * A chained hash table keyed by binary members, shared by the collection types' large encodings. Its SCAN
 * cursor follows Redis's reverse-binary walk, so a member present for a whole scan is reported at least once even
 * when the table grows or shrinks between calls.
 */
package io.ferrite.core.type.dict;
