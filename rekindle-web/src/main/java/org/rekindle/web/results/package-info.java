/** The dashboard's results page: what came back, per playbook and per offer, over a period. */
@NullMarked
package org.rekindle.web.results;

import org.jspecify.annotations.NullMarked;
