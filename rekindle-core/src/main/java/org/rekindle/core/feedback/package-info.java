/**
 * Why customers left: the reason taxonomy of exit surveys and complaints ({@link LeavingReason}),
 * grouping free-text answers into themes without any downloaded model ({@link Themes}), and an
 * alert when a reason's share jumps above its usual rate ({@link ShareAlerts}).
 */
@NullMarked
package org.rekindle.core.feedback;

import org.jspecify.annotations.NullMarked;
