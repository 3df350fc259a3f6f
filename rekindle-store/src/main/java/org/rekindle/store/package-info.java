/**
 * Rekindle's memory on PostgreSQL: the embedded server in the Rekindle home (durable, started
 * once), or an existing server; the schema by Flyway migrations; Jdbi for access.
 */
@NullMarked
package org.rekindle.store;

import org.jspecify.annotations.NullMarked;
