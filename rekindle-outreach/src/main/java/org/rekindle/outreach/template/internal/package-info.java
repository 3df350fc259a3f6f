/**
 * Public for the letter templates in {@code org.rekindle.outreach.letter}, not API: may change in
 * any release.
 */
@NullMarked
package org.rekindle.outreach.template.internal;

import org.jspecify.annotations.NullMarked;
