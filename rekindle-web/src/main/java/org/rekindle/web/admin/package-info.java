/** The admin's pages: the users who may log in. */
@NullMarked
package org.rekindle.web.admin;

import org.jspecify.annotations.NullMarked;
