"""Issue 17 item 8: one word for the closed areas ("Arbeitskreis"). Written by rename.py."""

from django.db import migrations, models

# Permission rows are renamed in place: guardian's grant tables, users' and groups' permissions
# point at them by id and keep working.
PERMISSIONS = {
    "add_arbeitsbereich": "add_arbeitskreis",
    "add_arbeitsbereichgroupobjectpermission": "add_arbeitskreisgroupobjectpermission",
    "add_arbeitsbereichuserobjectpermission": "add_arbeitskreisuserobjectpermission",
    "add_areadocument": "add_arbeitskreisdocument",
    "add_areadocumentversion": "add_arbeitskreisdocumentversion",
    "add_areaevent": "add_arbeitskreisevent",
    "change_arbeitsbereich": "change_arbeitskreis",
    "change_arbeitsbereichgroupobjectpermission": "change_arbeitskreisgroupobjectpermission",
    "change_arbeitsbereichuserobjectpermission": "change_arbeitskreisuserobjectpermission",
    "change_areadocument": "change_arbeitskreisdocument",
    "change_areadocumentversion": "change_arbeitskreisdocumentversion",
    "change_areaevent": "change_arbeitskreisevent",
    "contribute_arbeitsbereich": "contribute_arbeitskreis",
    "delete_arbeitsbereich": "delete_arbeitskreis",
    "delete_arbeitsbereichgroupobjectpermission": "delete_arbeitskreisgroupobjectpermission",
    "delete_arbeitsbereichuserobjectpermission": "delete_arbeitskreisuserobjectpermission",
    "delete_areadocument": "delete_arbeitskreisdocument",
    "delete_areadocumentversion": "delete_arbeitskreisdocumentversion",
    "delete_areaevent": "delete_arbeitskreisevent",
    "lead_arbeitsbereich": "lead_arbeitskreis",
    "manage_arbeitsbereiche": "manage_arbeitskreise",
    "view_arbeitsbereich": "view_arbeitskreis",
    "view_arbeitsbereichgroupobjectpermission": "view_arbeitskreisgroupobjectpermission",
    "view_arbeitsbereichuserobjectpermission": "view_arbeitskreisuserobjectpermission",
    "view_areadocument": "view_arbeitskreisdocument",
    "view_areadocumentversion": "view_arbeitskreisdocumentversion",
    "view_areaevent": "view_arbeitskreisevent",
}


def _rename(apps, mapping):
    Permission = apps.get_model("auth", "Permission")
    for old, new in mapping.items():
        permission = Permission.objects.filter(content_type__app_label="facharbeitskreise", codename=old).first()
        if permission is None:
            continue
        # A row with the new codename can only come from a post_migrate run in between; it holds
        # no grant yet.
        Permission.objects.filter(content_type__app_label="facharbeitskreise", codename=new).delete()
        permission.codename = new
        permission.name = permission.name.replace("Arbeitsbereich", "Arbeitskreis")
        permission.save(update_fields=["codename", "name"])


# `manage.py migrate` renames the content types after each RenameModel by itself; this does it
# too wherever a migration runs without that command (the test helpers' executor), so generic
# relations (subscriptions, notices, guardian's generic grants) keep their content type row.
CONTENT_TYPES = {
    "arbeitsbereich": "arbeitskreis",
    "arbeitsbereichgroupobjectpermission": "arbeitskreisgroupobjectpermission",
    "arbeitsbereichuserobjectpermission": "arbeitskreisuserobjectpermission",
    "areadocument": "arbeitskreisdocument",
    "areadocumentversion": "arbeitskreisdocumentversion",
    "areaevent": "arbeitskreisevent",
}


def _rename_content_types(apps, mapping):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old, new in mapping.items():
        if not ContentType.objects.filter(app_label="facharbeitskreise", model=new).exists():
            ContentType.objects.filter(app_label="facharbeitskreise", model=old).update(model=new)
    if hasattr(ContentType.objects, "clear_cache"):
        ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _rename_content_types(apps, CONTENT_TYPES)
    _rename(apps, PERMISSIONS)


def backwards(apps, schema_editor):
    _rename_content_types(apps, {new: old for old, new in CONTENT_TYPES.items()})
    _rename(apps, {new: old for old, new in PERMISSIONS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("facharbeitskreise", "0010_choice_values_in_english"),
        ("sikoportal", "0005_search_moves_to_suche"),
        ("suche", "0001_initial"),
        ("zielgruppen", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Arbeitsbereich", "Arbeitskreis"),
        migrations.RenameModel("ArbeitsbereichGroupObjectPermission", "ArbeitskreisGroupObjectPermission"),
        migrations.RenameModel("ArbeitsbereichUserObjectPermission", "ArbeitskreisUserObjectPermission"),
        migrations.RenameModel("AreaDocument", "ArbeitskreisDocument"),
        migrations.RenameModel("AreaDocumentVersion", "ArbeitskreisDocumentVersion"),
        migrations.RenameModel("AreaEvent", "ArbeitskreisEvent"),
        migrations.RemoveConstraint(model_name="accessreview", name="fak_one_open_review_per_area"),
        migrations.RemoveConstraint(model_name="membershiprequest", name="fak_one_open_request_per_user"),
        migrations.RemoveIndex(model_name="arbeitskreisdocument", name="facharbeits_area_id_b04f31_idx"),
        migrations.RemoveIndex(model_name="meeting", name="facharbeits_area_id_781e61_idx"),
        migrations.RemoveIndex(model_name="thread", name="facharbeits_area_id_214493_idx"),
        migrations.RemoveIndex(model_name="cancelledmeeting", name="facharbeits_area_id_19a351_idx"),
        migrations.RenameField("AccessReview", "area", "arbeitskreis"),
        migrations.RenameField("MembershipRequest", "area", "arbeitskreis"),
        migrations.RenameField("ArbeitskreisDocument", "area", "arbeitskreis"),
        migrations.RenameField("ArbeitskreisEvent", "area", "arbeitskreis"),
        migrations.RenameField("Meeting", "area", "arbeitskreis"),
        migrations.RenameField("Thread", "area", "arbeitskreis"),
        migrations.RenameField("CancelledMeeting", "area", "arbeitskreis"),
        migrations.AddConstraint(
            model_name="accessreview",
            constraint=models.UniqueConstraint(
                condition=models.Q(("outcome", "open")),
                fields=("arbeitskreis",),
                name="fak_one_open_review_per_arbeitskreis",
            ),
        ),
        migrations.AddConstraint(
            model_name="membershiprequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")),
                fields=("arbeitskreis", "user"),
                name="fak_one_open_request_per_user",
            ),
        ),
        migrations.AddIndex(
            model_name="arbeitskreisdocument",
            index=models.Index(fields=["arbeitskreis", "-updated_at"], name="facharbeits_area_id_b04f31_idx"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["arbeitskreis", "starts_at"], name="facharbeits_area_id_781e61_idx"),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(fields=["arbeitskreis", "-last_post_at"], name="facharbeits_area_id_214493_idx"),
        ),
        migrations.AddIndex(
            model_name="cancelledmeeting",
            index=models.Index(fields=["arbeitskreis", "ends_at"], name="facharbeits_area_id_19a351_idx"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
