package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code {"jobs":[RunJob]}}, the payload of list-jobs and runnable. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobList(List<RunJobView> jobs) {}
