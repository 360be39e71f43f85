/**
 * The reader's language (Vietnamese by default, English on request), remembered in a cookie and handed to the
 * authorization server's login page, so sign-in speaks the language the person chose.
 */
package io.techex.console.language;
