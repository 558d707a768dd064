package dev.orun.plan.template;

/**
 * The value of a field chain that reached an absent key. It flows through evaluation so that
 * conditions can treat it as nil while printing (or any other use) reports the key's path.
 */
final class Missing {
  final String path;

  Missing(String path) {
    this.path = path;
  }

  @Override
  public String toString() {
    return "<missing " + path + ">";
  }
}
