/**
 * Playbooks: declarative rules of what to do when a customer enters a lifecycle state or meets a
 * condition (email, letter, call task, offer, survey, wait), read from {@code rekindle.yaml} by
 * {@link org.rekindle.core.playbook.PlaybookLoader}. A file is checked whole: every problem is
 * reported with its line and column, and a file with any problem is refused, never half applied.
 * Conditions are a fixed set of typed comparisons ({@link org.rekindle.core.playbook.Condition}),
 * so a playbook file can never run code.
 */
@NullMarked
package org.rekindle.core.playbook;

import org.jspecify.annotations.NullMarked;
