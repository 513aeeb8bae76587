/**
 * The BondBridge API, group {@code bondbridge.io}, version {@code v1alpha1}.
 *
 * <p>Types only: values with their schema and admission rules. The CRD YAML in {@code crds/} is
 * generated from these classes by the build; nothing here performs I/O.
 */
package io.bondbridge.api.v1alpha1;
