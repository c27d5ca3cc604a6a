package io.ferrite.core.config;

/**
 * A configuration value was rejected. The message is Redis's reason ({@code argument must be 'yes' or 'no'}),
 * which CONFIG SET wraps into its error reply and the launcher prints with the offending line.
 */
public final class ConfigException extends IllegalArgumentException {
    private final String parameter;

    public ConfigException(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    /** The canonical name of the parameter the value was meant for. */
    public String parameter() {
        return parameter;
    }
}
