/**
 * Who is at the dashboard: logging in and out, the session cookie, the CSRF token every form
 * carries, the login throttle, and the role each route needs. The store keeps the users and
 * sessions ({@code org.rekindle.store.access}); this package only speaks HTTP about them.
 */
@NullMarked
package org.rekindle.web.auth;

import org.jspecify.annotations.NullMarked;
