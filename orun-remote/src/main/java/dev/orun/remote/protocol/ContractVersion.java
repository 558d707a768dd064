package dev.orun.remote.protocol;

/** The {@code Orun-Contract-Version} header: its name and the majors a server accepts. */
public final class ContractVersion {
  public static final String HEADER = "Orun-Contract-Version";
  /** Dialect A, the REST run/log/object endpoints. */
  public static final int REST = 1;
  /** Dialect B, the native coordination verbs. */
  public static final int COORDINATION = 2;
  public static final int MIN_SUPPORTED = REST;
  public static final int MAX_SUPPORTED = COORDINATION;
  /** Header naming the kind of an uploaded object ({@code plan}, {@code job-result}, ...). */
  public static final String OBJECT_KIND_HEADER = "Orun-Object-Kind";

  private ContractVersion() {}
}
