/**
 * Rekindle's web app: {@link org.rekindle.web.WebApp} serves the public survey page now, the
 * dashboard and REST API of issue 6 later. docs/surveys.md describes what it serves.
 */
@NullMarked
package org.rekindle.web;

import org.jspecify.annotations.NullMarked;
