package dev.orun.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code orun __complete INDEX -- WORD…}: what the shell script of {@code orun generate-completion}
 * calls on TAB. WORDs are the command line after the program name, INDEX the one being completed;
 * prints the candidates that start with it, one per line. Hidden: it is an interface to the
 * script, not to people.
 */
@Command(name = "__complete", hidden = true)
public final class CompleteCommand implements Callable<Integer> {

    @Parameters(index = "0")
    int index;

    @Parameters(index = "1..*")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> typed = words.subList(0, Math.min(index, words.size()));
        String current = index < words.size() ? words.get(index) : "";
        CommandSpec command = spec.root();
        Path intent = null;
        OptionSpec pending = null;
        for (String word : typed) {
            if (pending != null) {
                if (pending.longestName().equals("--intent")) {
                    intent = Path.of(word);
                }
                pending = null;
            } else if (command.subcommands().containsKey(word)) {
                command = command.subcommands().get(word).getCommandSpec();
            } else if (word.startsWith("-") && !word.contains("=")) {
                OptionSpec option = command.findOption(word);
                pending = option != null && option.arity().max() > 0 ? option : null;
            }
        }
        CompletionCandidates names = new CompletionCandidates(intent);
        List<String> candidates = pending != null ? optionValues(pending, names)
                : current.startsWith("-") ? optionNames(command)
                : words(command, names);
        CommandLine cli = spec.commandLine();
        candidates.stream().filter(candidate -> candidate.startsWith(current)).distinct()
                .forEach(cli.getOut()::println);
        cli.getOut().flush();
        return 0;
    }

    private static List<String> optionValues(OptionSpec option, CompletionCandidates names) {
        return switch (option.longestName()) {
            case "--component" -> names.components();
            case "--job", "--job-id" -> names.jobIds();
            case "--env" -> names.environments();
            case "--runner" -> CompletionCandidates.runners();
            case "--exec-id" -> names.execIds();
            case "--plan" -> names.plans();
            default -> {
                List<String> fixed = new ArrayList<>();
                if (option.completionCandidates() != null) {
                    option.completionCandidates().forEach(fixed::add);
                }
                yield fixed; // files and the like: the script falls back to the shell's file names
            }
        };
    }

    private static List<String> optionNames(CommandSpec command) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    private static List<String> words(CommandSpec command, CompletionCandidates names) {
        List<String> words = new ArrayList<>();
        command.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                words.add(name);
            }
        });
        switch (command.qualifiedName(" ")) {
            case "orun run" -> {
                words.addAll(names.components());
                words.addAll(names.plans());
            }
            case "orun plan show" -> words.addAll(names.plans());
            default -> {
            }
        }
        return words;
    }
}
