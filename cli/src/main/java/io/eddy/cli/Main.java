package io.eddy.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the {@code eddy} command ({@code bin/eddy}, {@code java -jar cli/target/eddy-cli.jar}).
 *
 * <p>A failure prints one line on stderr ({@code eddy topics create: topic 'x' already exists in ...}) and exits
 * non-zero (see the codes in the help footer); {@code --verbose} prints the stack trace instead.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs one command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose")) {
            // before the first logger exists: slf4j-simple reads its level once
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        Console console = Console.of(System.in,
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), System.err);
        int code = run(console, args);
        System.exit(code);
    }

    /**
     * Runs one command on the given console and flushes it.
     *
     * @param console the streams the command reads and writes
     * @param args the command line
     * @return the exit code
     */
    static int run(Console console, String... args) {
        try {
            return commandLine(console).execute(args);
        } finally {
            console.flush();
        }
    }

    /**
     * @param console the streams commands read and write
     * @return the {@code eddy} command line with its one-line error handling
     */
    static CommandLine commandLine(Console console) {
        CommandLine cl = new CommandLine(new EddyCommand(console));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(console.text());
        cl.setErr(console.err());
        cl.setParameterExceptionHandler(usageError());
        cl.setExecutionExceptionHandler(failure());
        return cl;
    }

    private static IParameterExceptionHandler usageError() {
        return (ex, args) -> printUsageError(ex);
    }

    private static int printUsageError(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + firstLine(ex.getMessage()) + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return ExitCode.USAGE;
    }

    private static IExecutionExceptionHandler failure() {
        return (ex, cmd, parseResult) -> {
            if (ex instanceof ParameterException usage) {
                return printUsageError(usage); // a command's own check of its arguments
            }
            PrintWriter err = cmd.getErr();
            if (cmd.getCommand() instanceof LogCommand c && c.verbose()) {
                ex.printStackTrace(err);
            } else {
                err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex));
            }
            err.flush();
            return ExitCode.FAILED;
        };
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (ex instanceof CommandFailedException || ex instanceof io.eddy.log.LogException) {
            return firstLine(message);
        }
        // not one of ours: the type tells more than a bare message would
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
