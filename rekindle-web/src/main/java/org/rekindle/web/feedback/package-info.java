/**
 * The dashboard's feedback page: recent feedback, the open service-recovery cases (closing one),
 * and why customers left.
 */
@NullMarked
package org.rekindle.web.feedback;

import org.jspecify.annotations.NullMarked;
