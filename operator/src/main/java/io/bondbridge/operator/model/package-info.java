/**
 * Pure decisions of the operator: which nodes a BondBridge selects, what each node's spec is, which
 * nodes may move to a new generation now, and what the BondBridge's status says. No I/O and no
 * Kubernetes client here (checked by OperatorLayeringTest): everything is a function of values.
 */
package io.bondbridge.operator.model;
