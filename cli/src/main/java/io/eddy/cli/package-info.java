/**
 * The {@code eddy} command-line tool: inspects and administers the log directory of an Eddy app.
 *
 * <p>{@link io.eddy.cli.Main} is the entry point; every command is a package-private picocli command. Commands that
 * write (produce, topics create/delete, reset) open the log for writing and so are refused while an app holds it;
 * every other command opens it read-only and works beside a running app.
 */
package io.eddy.cli;
