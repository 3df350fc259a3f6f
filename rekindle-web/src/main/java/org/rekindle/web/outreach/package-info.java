/** The outreach page: what the plan decided and where it stands, letters to print, playbooks. */
@NullMarked
package org.rekindle.web.outreach;

import org.jspecify.annotations.NullMarked;
