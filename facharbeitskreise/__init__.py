"""Facharbeitskreise and Projekte: the portal's closed areas.

Naming (issue 17 item 8): one word for a closed area in code, URLs and UI — "Arbeitskreis"
(plural "Arbeitskreise"), be it a Facharbeitskreis or a Projekt (`Arbeitskreis.Kind`). Compound
names put the German noun first and keep the rest English, as elsewhere in the portal:
`Arbeitskreis`, `ArbeitskreisDocument`, `ArbeitskreisDocumentVersion`, `ArbeitskreisEvent`,
`ArbeitskreisTopic`, `@arbeitskreis_view`, URL names `arbeitskreis_detail` and
`office_arbeitskreis_list`, fields and template variables `arbeitskreis`, `arbeitskreis_id`,
`arbeitskreise`; object permissions `view_arbeitskreis` ⊂ `contribute_arbeitskreis` ⊂
`lead_arbeitskreis`, the office's `manage_arbeitskreise`. A Fachgebiet is always `fachgebiet`.
The audit log's place — a Fachgebiet or an Arbeitskreis as "<app>:<slug>" — is
`partner.AuditEvent.bereich` (`audit_bereich` on both models). The audit log is immutable, so
values stored before the rename stay: the kinds "area_granted", "area_role_changed",
"area_revoked", the detail key "area" and the target prefix "facharbeitskreise.areadocument:".
"""
