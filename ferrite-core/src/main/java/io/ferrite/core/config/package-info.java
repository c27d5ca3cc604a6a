/** Configuration parameters with Redis's names, types and validation, for CONFIG GET/SET and redis.conf files. */
package io.ferrite.core.config;
