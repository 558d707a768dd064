package dev.orun.plan.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The variables in scope while parsing: {@code $} always; a control structure's declarations end
 * with it; a named template ({@code define}, {@code block}) starts afresh, as Go parses it.
 */
final class VariableScope {
  private List<String> names = fresh();

  private static List<String> fresh() {
    return new ArrayList<>(List.of("$"));
  }

  boolean declared(String name) {
    return names.contains(name);
  }

  void declare(List<String> declared) {
    names.addAll(declared);
  }

  /** A mark to {@link #endBlock} at: declarations after it go out of scope there. */
  int mark() {
    return names.size();
  }

  void endBlock(int mark) {
    while (names.size() > mark) {
      names.remove(names.size() - 1);
    }
  }

  /** Starts a named template's own scope; returns the outer one for {@link #endTemplate}. */
  List<String> startTemplate() {
    List<String> outer = names;
    names = fresh();
    return outer;
  }

  void endTemplate(List<String> outer) {
    names = outer;
  }
}
