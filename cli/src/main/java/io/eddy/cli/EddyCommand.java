package io.eddy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code eddy} command: holds the console and dispatches to its subcommands. */
@Command(name = "eddy", mixinStandardHelpOptions = true, versionProvider = EddyCommand.Version.class,
        description = "Inspect and administer the log of an Eddy app (its data directory).",
        subcommands = {TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class, GroupsCommand.class,
                DumpCommand.class, ResetCommand.class, HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 failed (one line on stderr), 2 dump found corruption, 64 bad usage.",
                "Commands that write (produce, topics create|delete, reset) are refused while an app holds the log;",
                "the others open it read-only and work beside a running app."})
final class EddyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Console console;

    EddyCommand(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    /** The version recorded in the jar's manifest when built by Maven. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EddyCommand.class.getPackage().getImplementationVersion();
            return new String[] {"eddy " + (v == null ? "(development build)" : v)};
        }
    }
}
