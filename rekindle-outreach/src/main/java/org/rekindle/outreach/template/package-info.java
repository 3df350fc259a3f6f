/**
 * Message templates the business edits: logic-less Mustache, escaped for HTML by default and with
 * no way around the escaping, checked whole when loaded.
 */
@NullMarked
package org.rekindle.outreach.template;

import org.jspecify.annotations.NullMarked;
