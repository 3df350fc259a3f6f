/**
 * The dashboard's Imports page, {@code /imports}: a CSV of customers, orders or feedback uploaded,
 * imported in the background with its progress shown, and the rejected rows reported (docs/web.md,
 * "Imports").
 */
@NullMarked
package org.rekindle.web.imports;

import org.jspecify.annotations.NullMarked;
