/**
 * Rollcall's OneRoster 1.2 rostering API at {@code /ims/oneroster/rostering/v1p2/…}: the 41 GET
 * operations over the canonical roster, with paging, sorting, field selection and the filter grammar
 * translated to SQL, streamed out; OAuth 2.0 client credentials issued by Rollcall itself ({@code
 * /oauth2/token}, clients managed at {@code /api/v1/oauth-clients}) with the 1EdTech scopes
 * enforced; imsx_StatusInfo errors; and the audit of every read of student records.
 */
@NullMarked
package dev.rollcall.server.oneroster;

import org.jspecify.annotations.NullMarked;
