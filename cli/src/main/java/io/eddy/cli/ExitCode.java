package io.eddy.cli;

/** The exit codes of the {@code eddy} command. */
final class ExitCode {
    /** The command did what was asked. */
    static final int OK = 0;
    /** The command failed: the log is in use, a topic does not exist, an I/O error, ... (one line on stderr). */
    static final int FAILED = 1;
    /** {@code dump} found a corrupt batch or a torn tail. */
    static final int CORRUPT = 2;
    /** The command line was wrong: unknown option, missing argument, bad value (as sysexits' EX_USAGE). */
    static final int USAGE = 64;

    private ExitCode() {
    }
}
