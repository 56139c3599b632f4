#!/usr/bin/env python3
"""Generate the SuperOffice sample request dumps that are missing from this folder.

One dump per event in SuperOfficeCatalog (Sources/HookCheckKit/Vendors/SuperOffice/
SuperOfficeCatalog.swift).  The files that were already here are never touched: a file that
exists is skipped, and new files are opened with mode "x" (exclusive create) as a second guard.

Every value is fixed in this script (GUIDs, timestamps, keys), so running it again in an empty
folder reproduces the same bytes.  The layout copies the existing samples:

    POST /webhooks/superoffice HTTP/1.1            request line, LF line endings
    Host / Content-Type / User-Agent
    X-SuperOffice-Event      the event name (same as the body's Event)
    X-SuperOffice-EventId    the body's EventId
    X-SuperOffice-Retry: 0
    X-SuperOffice-Signature  base64(HMAC-SHA256(key = UTF-8 secret from .secret without its
                             trailing newline, message = the exact body bytes))
    Content-Length           length of the body in bytes
    <blank line>
    <body>                   json.dumps(indent=2), no newline after the closing brace

The webhook state events follow reference/state-events.md instead: the header names the
subscription (X-SuperOffice-Event: webhook{webhookId}.started), the body's Event is
webhook.started, the body has no Entity and carries FieldValues, in the documented key order.
Samples with FieldValues (FIELD_VALUES below) carry them after WebhookName, as the docs do.

Column names in Changes / Values were checked against SuperOffice's documentation
(repository SuperOfficeDocs/superoffice-docs); the page each one comes from is named next to
the sample below.  Paths are relative to docs/en/.  Where the docs show an empty Changes array
for a non-delete event, the names come from the database table reference instead (noted).

Usage:  python3 make-samples.py        (run from anywhere; writes next to this script)
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

CONTEXT = "Cust26759"
WEBHOOK_NAME = "crm-sync"
ASSOCIATE = 316  # ChangedByAssociateId, as in the existing samples

HEADER_LINES = [
    "POST /webhooks/superoffice HTTP/1.1",
    "Host: hooks.example.com",
    "Content-Type: application/json; charset=utf-8",
    "User-Agent: NetServer-Webhook/10.3.9.1002",
]

# Each sample: (file name, event, entity, PrimaryKey, EventId, Timestamp, Changes, Values or None)
# PrimaryKeys reuse the records of the existing samples where the entity already has one
# (sale 71544/71545, person 2207815, project 3381, ...), so the folder tells one story.
SAMPLES = [
    # --- person ------------------------------------------------------------------------
    # automation/webhook/reference/person-events.md "Person.deleted": Changes [] and
    # Values {associate_id, contact_id, person_id}.
    ("person.deleted.http", "person.deleted", "person", 2207815,
     "850920b4-cc2b-4f93-81a6-033850a92918", "2026-03-22T10:04:51.6610348Z",
     [],
     {"associate_id": 316, "contact_id": 994863, "person_id": 2207815}),

    # automation/webhook/reference/person-events.md lists person.softdeleted ("when deleted in
    # the user interface") without an example; DeletedDate is the person column that marks a
    # soft delete (database/tables/person.md: "when this record was soft-deleted").  FieldValues:
    # FIELD_VALUES below.
    ("person.softdeleted.http", "person.softdeleted", "person", 2207815,
     "3b0c54a6-5e0f-4f43-9d1e-6f4c0b8a2d17", "2026-03-10T08:21:47.5170000Z",
     ["DeletedDate", "updated", "updated_associate_id", "updatedCount"],
     None),

    # --- sale --------------------------------------------------------------------------
    # automation/webhook/reference/sale-events.md "Sale.Changed": these exact columns.
    ("sale.changed.http", "sale.changed", "sale", 71544,
     "947e6ff6-7c09-4de7-bf05-c75b8c93424f", "2026-03-10T17:22:05.9144710Z",
     ["sale_id", "earning", "probability", "earning_percent", "amount", "probability_idx",
      "updated", "updated_associate_id", "updatedCount"],
     None),
    # sale-events.md "Sale.Deleted": Changes [] and Values {associate_id, contact_id,
    # person_id, project_id}.
    ("sale.deleted.http", "sale.deleted", "sale", 71545,
     "d6a9e2b8-8338-4ff7-b05c-f1043220c87c", "2026-03-23T08:47:30.2209163Z",
     [],
     {"associate_id": 316, "contact_id": 994863, "person_id": 2207815, "project_id": 0}),
    # sale-events.md "Sale.Completed": sale_id, done, updated, updated_associate_id.
    ("sale.completed.http", "sale.completed", "sale", 71544,
     "bf3a0c94-6f51-4c81-b425-b510cc46a93b", "2026-03-11T08:04:12.5530817Z",
     ["sale_id", "done", "updated", "updated_associate_id"],
     None),

    # --- project -----------------------------------------------------------------------
    # automation/webhook/reference/project-events.md "Project.changed" (subset of its list).
    ("project.changed.http", "project.changed", "project", 3381,
     "93b24c4c-bca5-4265-b7c2-0ee690b3f273", "2026-03-13T14:52:38.0075216Z",
     ["project_id", "endDate", "type_idx", "updated", "updated_associate_id", "updatedCount"],
     None),
    # project-events.md "Project.deleted": Values {associate_id, project_id}.
    ("project.deleted.http", "project.deleted", "project", 3381,
     "d2fa1666-3485-432b-882d-32fe2037fa9f", "2026-03-24T09:31:17.4482035Z",
     [],
     {"associate_id": 316, "project_id": 3381}),

    # --- projectmember -----------------------------------------------------------------
    # automation/webhook/reference/project-member-events.md "ProjectMember.changed": exact.
    ("projectmember.changed.http", "projectmember.changed", "projectmember", 12907,
     "a5ee6e66-7849-4863-b357-7c76edb4a87e", "2026-03-14T13:08:44.7311602Z",
     ["projectmember_id", "mtype_idx", "updated", "updated_associate_id", "updatedCount"],
     None),
    # project-member-events.md "ProjectMember.deleted": Values {associate_id, project_id}.
    ("projectmember.deleted.http", "projectmember.deleted", "projectmember", 12907,
     "1cafc8f7-d850-4c4c-81e5-33cf8df9ca32", "2026-03-15T09:19:03.1167490Z",
     [],
     {"associate_id": 316, "project_id": 3381}),

    # --- activity ----------------------------------------------------------------------
    # automation/webhook/reference/activity-events.md "Activity.changed": exact.
    ("activity.changed.http", "activity.changed", "activity", 883412,
     "8c261cfe-28c2-43c9-9cb3-1f13c3b1c270", "2026-03-15T16:40:27.9053381Z",
     ["appointment_id", "status", "done", "updated", "updated_associate_id", "updatedCount"],
     None),
    # activity-events.md "Activity.deleted": Values {appointment_id, contact_id, person_id,
    # project_id, sale_id}.
    ("activity.deleted.http", "activity.deleted", "activity", 883412,
     "d48efb7a-e3a7-4094-83ab-4cbb32d600cd", "2026-03-16T08:12:55.6620914Z",
     [],
     {"appointment_id": 883412, "contact_id": 994863, "person_id": 2207815,
      "project_id": 0, "sale_id": 71544}),

    # --- associate ---------------------------------------------------------------------
    # automation/webhook/reference/associate-events.md "Associate.created" (subset of its list).
    ("associate.created.http", "associate.created", "associate", 341,
     "130092e4-4b88-4749-8ff5-0f7e30fa3123", "2026-03-16T11:02:49.3308876Z",
     ["associate_id", "name", "type", "group_idx", "person_id", "deleted", "registered",
      "registered_associate_id", "updated", "updated_associate_id", "updatedCount"],
     None),
    # associate-events.md "Associate.deleted": Values {associate_id, person_id}.
    ("associate.deleted.http", "associate.deleted", "associate", 341,
     "c4b97c02-7256-4223-98a6-01ef7e12a380", "2026-03-25T15:26:10.8846127Z",
     [],
     {"associate_id": 341, "person_id": 2207902}),

    # --- relation ----------------------------------------------------------------------
    # automation/webhook/reference/relation-events.md "Relation.changed": exact.
    ("relation.changed.http", "relation.changed", "relation", 5521,
     "98e1ba78-4123-4359-a04c-165c52106e0a", "2026-03-17T15:03:41.2275590Z",
     ["relation_id", "reldef_id", "updated_associate_id", "updated", "relcomment"],
     None),
    # relation-events.md "Relation.deleted": Values {associate_id, relation_id}.
    ("relation.deleted.http", "relation.deleted", "relation", 5521,
     "e8bf1bcb-8deb-4859-8bf7-76a9fe60e3f8", "2026-03-18T10:37:22.0419734Z",
     [],
     {"associate_id": 316, "relation_id": 5521}),

    # --- salestakeholder ---------------------------------------------------------------
    # automation/webhook/reference/sale-stakeholder-events.md "SaleStakeholder.created": exact
    # columns.  Same record (902, sale 71544) that salestakeholder.deleted.http removes later.
    ("salestakeholder.created.http", "salestakeholder.created", "salestakeholder", 902,
     "48b15752-4b58-4540-b5b4-326e2ac57258", "2026-03-10T17:30:12.7784051Z",
     ["salestakeholder_id", "rank", "sale_id", "stakeholderrole_id", "registered", "updated",
      "updated_associate_id", "person_id", "comment", "updatedCount",
      "registered_associate_id", "contact_id"],
     None),
    # sale-stakeholder-events.md "SaleStakeholder.changed": exact.
    ("salestakeholder.changed.http", "salestakeholder.changed", "salestakeholder", 902,
     "d22ef601-e91f-453a-8c90-12766c1cb20d", "2026-03-12T13:45:09.5502846Z",
     ["salestakeholder_id", "stakeholderrole_id", "updated", "updated_associate_id", "comment",
      "updatedCount"],
     None),

    # --- document ----------------------------------------------------------------------
    # automation/webhook/reference/document-events.md "Document.created" (subset of its list).
    ("document.created.http", "document.created", "document", 610233,
     "31c87a6d-04b3-4bdf-92e3-7f7719abcd2b", "2026-03-19T10:15:33.4470261Z",
     ["document_id", "appointment_id", "header", "name", "our_ref", "your_ref", "attention",
      "registered", "registered_associate_id", "updated", "updated_associate_id",
      "updatedCount"],
     None),
    # document-events.md "Document.changed" says Changes may hold document or appointment
    # columns; these are document columns from its Document.created list.
    ("document.changed.http", "document.changed", "document", 610233,
     "8e5cfb09-aa84-4ddf-b906-dd0e33f9cc96", "2026-03-19T12:48:06.1935520Z",
     ["header", "our_ref", "updated", "updated_associate_id", "updatedCount"],
     None),
    # document-events.md "Document.deleted": Values {document_id, appointment_id}.
    ("document.deleted.http", "document.deleted", "document", 610233,
     "1cbc2e28-14ec-4cc6-be42-32a5e4efd34e", "2026-03-26T14:02:58.7706439Z",
     [],
     {"document_id": 610233, "appointment_id": 883460}),

    # --- chatsession -------------------------------------------------------------------
    # automation/webhook/reference/chat-events.md shows "Changes": [] for created and changed;
    # the names here are chat_session columns from database/tables/chat-session.md.
    ("chatsession.created.http", "chatsession.created", "chatsession", 4418,
     "bfb97633-9774-4f04-be3b-50eac849bdae", "2026-03-20T08:02:11.0647725Z",
     ["id", "topic_id", "customer_id", "customer_alias", "status", "when_requested", "name",
      "email", "first_message"],
     None),
    ("chatsession.changed.http", "chatsession.changed", "chatsession", 4418,
     "574a24a5-d7c8-43e0-80cc-b246f6477729", "2026-03-20T08:03:27.8851390Z",
     ["status", "user_id", "when_started"],
     None),

    # --- quote -------------------------------------------------------------------------
    # automation/webhook/reference/quote-events.md shows "Changes": [] for every quote event;
    # the names here are columns of database/tables/quoteversion.md (rejected: approval
    # columns) and database/tables/quote.md (ordered: order columns), spelt as documented.
    ("quote.rejected.http", "quote.rejected", "quote", 1292,
     "46d7a53b-28b7-46a4-9e90-90d7288e2911", "2026-03-21T11:27:44.3019658Z",
     ["State", "ApprovedBy", "ApprovedText", "ApprovedRegisteredBy", "ApprovedRegisteredDate"],
     None),
    ("quote.ordered.http", "quote.ordered", "quote", 1291,
     "012132bf-84b2-4ffe-ae11-019697a1a878", "2026-03-09T10:52:19.6203374Z",
     ["ERPOrderKey", "PoNumber", "OrderComment", "updated", "updated_associate_id",
      "updatedCount"],
     None),

    # --- lists (list.<name>.<action>; list.created.http is list.category.created) -----
    # automation/webhook/reference/list-events.md "list.category.changed" and
    # "list.category.softdeleted": exactly these columns, including the capital C of
    # Category_id.
    ("list.changed.http", "list.category.changed", "list.category", 57,
     "6ccb526d-dcdc-41b4-96c0-995375269bb5", "2026-03-05T14:06:21.5528743Z",
     ["Category_id", "deleted", "rank", "updated", "updated_associate_id", "name", "tooltip"],
     None),
    ("list.softdeleted.http", "list.category.softdeleted", "list.category", 57,
     "705cefee-43d9-4fe0-aa4f-21aab2836102", "2026-03-28T12:44:36.3370854Z",
     ["Category_id", "deleted", "rank", "updated", "updated_associate_id", "name", "tooltip"],
     None),

    # --- extra tables (y_<table>.<action>; extratable.changed.http is y_equipment.changed) --
    # automation/webhook/reference/extratable-events.md "y_table.created": id, last_changed and
    # the x_ extra fields; "y_table.deleted": Changes [] and an empty Values object.
    ("extratable.created.http", "y_equipment.created", "y_equipment", 409,
     "2085b2ac-04ac-4291-b76b-5bd699cf2bde", "2026-03-06T14:41:57.8029946Z",
     ["id", "last_changed", "x_serial", "x_location"],
     None),
    ("extratable.deleted.http", "y_equipment.deleted", "y_equipment", 409,
     "6556e18d-d8f2-4e2c-acf7-57cb766043d6", "2026-03-29T07:55:13.2661508Z",
     [],
     {}),
]

# FieldValues, by file name: the fields the event's reference page lists for its FieldValues, with
# values written as that page's example writes them (UTC dates without a zone, "updated" with the
# server's offset, "0001-01-01T00:00:00" for no date).
FIELD_VALUES = {
    # automation/webhook/reference/person-events.md "FieldValues for person events".
    "person.softdeleted.http": {
        "activeInterests": 0,
        "associate_id": 316,
        "business_idx": 6,
        "category_idx": 0,
        "contact_id": 994863,
        "country_id": 578,
        "DeletedDate": "2026-03-10T08:21:47",
        "group_id": 5,
        "person_id": 2207815,
        "position_idx": 0,
        "registered": "2026-03-06T12:28:52",
        "registered_associate_id": 316,
        "retired": 0,
        "source": 0,
        "updated": "2026-03-10T09:21:47.5170000+01:00",
        "updated_associate_id": 316,
        "userdef2_id": 0,
        "userdef_id": 0,
    },
}

# Webhook state events (automation/webhook/reference/state-events.md): (file name, action,
# webhook id, EventId, Timestamp, FieldValues).  The webhook's id is PrimaryKey and the header's
# webhook{id}; ChangedByAssociateId is 0 as in every example of that page.  "state" follows that
# page's list (0 = Active, 1 = Stopped, 2 = TooManyErrors); dev/index.md numbers the same states
# 1, 2 and 3 (Unknown = 0): the two pages disagree.
WEBHOOK = 12
STATE_SAMPLES = [
    ("webhook.stopped.http", "stopped", WEBHOOK,
     "b2715945-795e-4229-851a-bd81f1d69ed6", "2026-03-07T15:55:25.1090518Z",
     {"events": 1834, "registered": "2026-01-12T09:30:00", "registered_associate_id": 316,
      "state": 1, "updated": "2026-03-07T16:55:25.0870000+01:00", "updated_associate_id": 316}),
    ("webhook.started.http", "started", WEBHOOK,
     "770ca529-9678-4ee8-96de-3cf9a4087245", "2026-03-07T16:10:02.4416230Z",
     {"events": 1834, "registered": "2026-01-12T09:30:00", "registered_associate_id": 316,
      "state": 0, "updated": "2026-03-07T17:10:02.4190000+01:00", "updated_associate_id": 316}),
    ("webhook.errors.http", "errors", WEBHOOK,
     "45ab9a16-a593-428c-8288-b66a3bf401b2", "2026-03-27T03:18:45.9902217Z",
     {"events": 1907, "registered": "2026-01-12T09:30:00", "registered_associate_id": 316,
      "state": 2, "updated": "2026-03-27T04:18:45.9650000+01:00", "updated_associate_id": 0}),
]


def read_secret():
    with open(os.path.join(HERE, ".secret"), "rb") as f:
        secret = f.read()
    # Drop a trailing newline (LF or CRLF), as the brief and hookcheck --secret-file do.
    if secret.endswith(b"\r\n"):
        secret = secret[:-2]
    elif secret.endswith(b"\n"):
        secret = secret[:-1]
    return secret.decode("utf-8").encode("utf-8")


def build_body(event, entity, key, event_id, timestamp, changes, values, field_values=None):
    body = {"EventId": event_id, "Timestamp": timestamp, "Changes": changes}
    if values is not None:
        body["Values"] = values  # after Changes, as in the docs and contact.deleted.http
    body.update({
        "Event": event,
        "PrimaryKey": key,
        "Entity": entity,
        "ContextIdentifier": CONTEXT,
        "ChangedByAssociateId": ASSOCIATE,
        "WebhookName": WEBHOOK_NAME,
    })
    if field_values is not None:
        body["FieldValues"] = field_values
    return json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8")


def build_state_body(action, webhook_id, event_id, timestamp, field_values):
    # The key order of reference/state-events.md's examples; no Entity.
    body = {
        "EventId": event_id,
        "Timestamp": timestamp,
        "Changes": [],
        "Event": "webhook." + action,
        "PrimaryKey": webhook_id,
        "ContextIdentifier": CONTEXT,
        "ChangedByAssociateId": 0,
        "WebhookName": WEBHOOK_NAME,
        "FieldValues": field_values,
    }
    return json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8")


def build_request(secret, header_event, event_id, body):
    signature = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode("ascii")
    lines = HEADER_LINES + [
        "X-SuperOffice-Event: " + header_event,
        "X-SuperOffice-EventId: " + event_id,
        "X-SuperOffice-Retry: 0",
        "X-SuperOffice-Signature: " + signature,
        "Content-Length: " + str(len(body)),
    ]
    return ("\n".join(lines) + "\n\n").encode("ascii") + body


def requests():
    """(file name, EventId, a function making the request's bytes) for every sample."""
    for name, event, entity, key, event_id, timestamp, changes, values in SAMPLES:
        assert event.startswith(entity + "."), (event, entity)
        fields = FIELD_VALUES.get(name)
        yield name, event_id, lambda secret, event=event, entity=entity, key=key, event_id=event_id, \
            timestamp=timestamp, changes=changes, values=values, fields=fields: build_request(
                secret, event, event_id, build_body(event, entity, key, event_id, timestamp, changes, values, fields))
    for name, action, webhook_id, event_id, timestamp, fields in STATE_SAMPLES:
        yield name, event_id, lambda secret, action=action, webhook_id=webhook_id, event_id=event_id, \
            timestamp=timestamp, fields=fields: build_request(
                secret, "webhook%d.%s" % (webhook_id, action), event_id,
                build_state_body(action, webhook_id, event_id, timestamp, fields))


def main():
    secret = read_secret()
    samples = list(requests())
    names = [s[0] for s in samples]
    ids = [s[1] for s in samples]
    assert len(set(names)) == len(names), "duplicate file name"
    assert len(set(ids)) == len(ids), "duplicate EventId"
    assert set(FIELD_VALUES) <= set(names), "FieldValues for no sample"
    created, skipped = [], []
    for name, event_id, make in samples:
        assert str(uuid.UUID(event_id)) == event_id, event_id
        path = os.path.join(HERE, name)
        if os.path.exists(path):
            skipped.append(name)
            continue
        data = make(secret)
        try:
            with open(path, "xb") as f:  # never overwrite
                f.write(data)
        except FileExistsError:
            skipped.append(name)
            continue
        created.append(name)
    for name in created:
        print("created", name)
    for name in skipped:
        print("skipped (exists)", name)
    print("%d created, %d skipped" % (len(created), len(skipped)), file=sys.stderr)


if __name__ == "__main__":
    main()
