package dev.orun.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code orun generate-completion}: a bash/zsh completion script. On TAB it asks the very command
 * the user typed ({@code orun}, {@code bin/orun}, {@code ../bin/orun}) for candidates through the
 * hidden {@code __complete} command, so it needs no orun on the PATH and completes names that only
 * the workspace knows (components, plans, job ids, runners, exec ids).
 */
@Command(name = "generate-completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script.", "Use: source <(bin/orun generate-completion)"})
public final class GenerateCompletionCommand implements Callable<Integer> {

    static final String SCRIPT = """
            # orun completion for bash and zsh; load with: source <(orun generate-completion)
            if [ -n "${ZSH_VERSION:-}" ]; then
              autoload -U +X compinit && compinit
              autoload -U +X bashcompinit && bashcompinit
            fi
            _orun_complete() {
              local launcher=${COMP_WORDS[0]/#\\~/$HOME}
              local IFS=$'\\n'
              COMPREPLY=($("$launcher" __complete "$((COMP_CWORD - 1))" -- "${COMP_WORDS[@]:1}" 2>/dev/null </dev/null))
            }
            # bash tries a command's whole path first, then the name after its last slash, so this also
            # covers bin/orun, ../bin/orun and /opt/orun/bin/orun
            complete -o default -F _orun_complete orun
            """;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SCRIPT);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
