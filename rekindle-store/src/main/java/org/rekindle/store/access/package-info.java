/**
 * Who may use the dashboard and the REST API, and what they changed: users with roles and Argon2id
 * passwords, browser sessions, API keys, and the audit log (schema V10, docs/web.md).
 */
@NullMarked
package org.rekindle.store.access;

import org.jspecify.annotations.NullMarked;
