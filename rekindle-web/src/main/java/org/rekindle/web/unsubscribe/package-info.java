/** The unsubscribe page of the emails' links: one button on GET, the stop on POST. */
@NullMarked
package org.rekindle.web.unsubscribe;

import org.jspecify.annotations.NullMarked;
