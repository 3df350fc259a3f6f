/**
 * The REST API under {@code /api/v1}: JSON for machine clients (a till, a web shop, an ERP), who
 * authenticate with an API key ({@code Authorization: Bearer rk_...}). {@link
 * org.rekindle.web.api.Api} is the one entry point; docs/api.md describes every endpoint, and
 * {@code /api/openapi.json} describes them for tools.
 */
@NullMarked
package org.rekindle.web.api;

import org.jspecify.annotations.NullMarked;
