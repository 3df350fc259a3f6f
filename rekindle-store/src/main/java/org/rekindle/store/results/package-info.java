/**
 * Did winning them back pay? The results of the playbooks, computed in SQL from the stored
 * enrollments, contacts, orders, offers, recoveries and lifecycle transitions: the lift over the
 * holdout per playbook and per offer, the recovered-revenue ledger, the customers lost while nobody
 * called, and the check-in coverage of the cadence playbooks. docs/results.md has the rules.
 */
@NullMarked
package org.rekindle.store.results;

import org.jspecify.annotations.NullMarked;
