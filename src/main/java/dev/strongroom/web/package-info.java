/**
 * The web pages: server-rendered Qute templates with a little plain JavaScript from
 * {@code /static}, for analysts (upload, documents), auditors (documents, audit trail), ops
 * (operations) and admins (users, disposals). A <em>page</em> is any path outside {@code /api/} and
 * {@code /q/}; pages sign in with a form and a session cookie, while the API keeps HTTP Basic. Pages
 * call the capabilities' services, never their internals. Every unsafe request a browser sends with
 * its session cookie must carry a <em>CSRF token</em> ({@link dev.strongroom.security.CsrfTokens}):
 * forms as a hidden field, scripts as a header.
 */
package dev.strongroom.web;
