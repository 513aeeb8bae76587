package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom resource read leniently: an unreadable spec or status becomes null and a {@link
 * ReadError}, never a failed list that would stop the watch of every object of the kind. The one
 * way both kinds read.
 */
public abstract class LenientResource<S, T> extends CustomResource<S, T> {
  @JsonIgnore private final List<ReadError> readErrors = new ArrayList<>();

  @JsonSetter("spec")
  private void readSpec(Reading<S> spec) {
    setSpec(spec == null ? null : spec.value());
    note(spec);
  }

  @JsonSetter("status")
  private void readStatus(Reading<T> status) {
    setStatus(status == null ? null : status.value());
    note(status);
  }

  private void note(Reading<?> reading) {
    if (reading != null && reading.error() != null) {
      readErrors.add(reading.error());
    }
  }

  /**
   * What could not be read of this object as it came from the API (that part is null), empty when
   * all was read. Not carried by a copy made through JSON (JOSDK's clone of the primary resource):
   * ask the informer's own copy.
   */
  public List<ReadError> readErrors() {
    return List.copyOf(readErrors);
  }
}
