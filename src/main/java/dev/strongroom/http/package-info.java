/**
 * What every REST resource shares. A <em>Problem</em> is an RFC 9457 error body; a
 * <em>request id</em> names one HTTP exchange in logs, responses and audit events.
 */
package dev.strongroom.http;
