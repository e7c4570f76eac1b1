"""Request sequences as Okta's and Entra ID's provisioning docs show them, and their effect on
the database and on a signed-in person's session."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.models import AuditEntry, User
from peoplelens.users import sessions
from tests.factories import TenantHandle
from tests.scim.conftest import GROUP, PATCH, USER, Scim


def _user(db: Database, user_id: str) -> User:
    with db.read_session() as session:
        row = session.get(User, uuid.UUID(user_id))
        assert row is not None
        session.expunge(row)
        return row


def _signed_in(db: Database, tenant: TenantHandle, user_id: str) -> str:
    with db.write_session() as session:
        user = session.get(User, uuid.UUID(user_id))
        assert user is not None
        cookie = sessions.start_session(
            session,
            Principal.system(tenant.id),
            user,
            method="password",
            ip_address="127.0.0.1",
            user_agent="test",
        )
        session.commit()
        return cookie


def _audit(db: Database, user_id: str) -> list[dict[str, Any]]:
    with db.read_session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == f"usr-{user_id}")
        ).all()
        return [{"action": r.action, **(r.details or {})} for r in rows]


OKTA_USER = {
    "schemas": [USER],
    "userName": "ada.lovelace@example.com",
    "name": {"givenName": "Ada", "familyName": "Lovelace"},
    "emails": [{"primary": True, "value": "ada.lovelace@example.com", "type": "work"}],
    "displayName": "Ada Lovelace",
    "locale": "en-US",
    "externalId": "00u1abcd",
    "groups": [],
    "password": "not-stored",
    "active": True,
}


class TestOkta:
    def test_the_okta_sequence(
        self, scim: Scim, db: Database, tenant: TenantHandle, client: TestClient
    ) -> None:
        r = scim.call(
            "GET", '/Users?filter=userName eq "ada.lovelace@example.com"&startIndex=1&count=100'
        )
        assert r.status_code == 200, r.text
        assert r.json()["totalResults"] == 0 and r.json()["Resources"] == []
        r = scim.call("POST", "/Users", OKTA_USER)
        assert r.status_code == 201, r.text
        created = r.json()
        uid = created["id"]
        assert r.headers["location"] == created["meta"]["location"]
        assert created["meta"]["location"] == f"http://testserver/scim/v2/Users/{uid}"
        assert created["userName"] == "ada.lovelace@example.com" and created["active"] is True
        assert scim.call("GET", f"/Users/{uid}").json()["name"]["givenName"] == "Ada"
        assert scim.call("GET", f"/Users/usr-{uid}").status_code == 200
        r = scim.call("GET", '/Users?filter=userName eq "ADA.LOVELACE@example.com"')
        assert r.json()["totalResults"] == 1
        # PUT: a rename (new e-mail and surname)
        put = {
            **OKTA_USER,
            "id": uid,
            "userName": "ada.king@example.com",
            "name": {"givenName": "Ada", "familyName": "King"},
            "emails": [{"primary": True, "value": "ada.king@example.com", "type": "work"}],
        }
        r = scim.call("PUT", f"/Users/{uid}", put)
        assert r.status_code == 200, r.text
        row = _user(db, uid)
        assert (row.email, row.last_name, row.external_id) == (
            "ada.king@example.com",
            "King",
            "00u1abcd",
        )
        assert row.role == "interviewer"
        # deactivate: the session ends at once
        cookie = _signed_in(db, tenant, uid)
        whoami = {"Cookie": f"{sessions.COOKIE}={cookie}"}
        assert client.get("/api/v1/candidates", headers=whoami).status_code == 403  # interviewer
        r = scim.call(
            "PATCH",
            f"/Users/{uid}",
            {"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": False}}]},
        )
        assert r.status_code == 200 and r.json()["active"] is False
        assert client.get("/api/v1/candidates", headers=whoami).status_code == 401
        assert _user(db, uid).is_enabled is False
        r = scim.call(
            "PATCH",
            f"/Users/{uid}",
            {"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": True}}]},
        )
        assert r.json()["active"] is True and _user(db, uid).is_enabled is True
        actions = _audit(db, uid)
        assert {"action": "USER_CREATED", "source": "scim"} in [
            {k: a[k] for k in ("action", "source")} for a in actions
        ]
        assert {"action": "USER_DEACTIVATED", "fields": ["is_enabled"], "source": "scim"} in [
            {k: a[k] for k in ("action", "fields", "source") if k in a} for a in actions
        ]

    def test_group_push_sets_the_role(self, scim: Scim, db: Database) -> None:
        uid = scim.call(
            "POST", "/Users", {**OKTA_USER, "userName": "g@example.com", "externalId": None}
        ).json()["id"]
        r = scim.call(
            "POST",
            "/Groups",
            {"schemas": [GROUP], "displayName": "PeopleLens Admins", "members": []},
        )
        assert r.status_code == 201, r.text
        gid = r.json()["id"]
        recruiters = scim.call(
            "POST",
            "/Groups",
            {"schemas": [GROUP], "displayName": "Recruiters", "members": [{"value": uid}]},
        ).json()["id"]
        assert _user(db, uid).role == "recruiter"
        r = scim.call(
            "PATCH",
            f"/Groups/{gid}",
            {
                "schemas": [PATCH],
                "Operations": [
                    {"op": "add", "path": "members", "value": [{"value": uid, "display": "g"}]}
                ],
            },
        )
        assert r.status_code == 200, r.text
        assert _user(db, uid).role == "admin"
        groups = scim.call("GET", f"/Users/{uid}").json()["groups"]
        assert {g["display"] for g in groups} == {"PeopleLens Admins", "Recruiters"}
        assert (
            scim.call("GET", '/Groups?filter=displayName eq "recruiters"').json()["totalResults"]
            == 1
        )
        r = scim.call(
            "PATCH",
            f"/Groups/{gid}",
            {
                "schemas": [PATCH],
                "Operations": [{"op": "remove", "path": f'members[value eq "{uid}"]'}],
            },
        )
        assert r.status_code == 200 and "members" not in r.json()
        assert _user(db, uid).role == "recruiter"
        assert scim.call("DELETE", f"/Groups/{recruiters}").status_code == 204
        assert _user(db, uid).role == "interviewer"
        other = scim.call(
            "POST", "/Groups", {"displayName": "Everyone", "members": [{"value": uid}]}
        )
        assert other.status_code == 201 and _user(db, uid).role == "interviewer"


class TestEntra:
    def test_the_entra_sequence(self, scim: Scim, db: Database) -> None:
        r = scim.call("GET", '/Users?filter=userName eq "grace@contoso.com"')
        assert r.json()["totalResults"] == 0
        body = {
            "schemas": [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            "userName": "Grace@contoso.com",
            "active": True,
            "displayName": "Grace Hopper",
            "emails": [{"primary": True, "type": "work", "value": "Grace@contoso.com"}],
            "meta": {"resourceType": "User"},
            "name": {"formatted": "Grace Hopper", "familyName": "Hopper", "givenName": "Grace"},
            "roles": [],
        }
        r = scim.call("POST", "/Users", body)
        assert r.status_code == 201, r.text
        uid = r.json()["id"]
        assert (
            scim.call("GET", '/Users?filter=userName eq "grace@contoso.com"').json()["totalResults"]
            == 1
        )
        assert (
            scim.call("GET", f'/Users?filter=externalId eq "{body["externalId"]}"').json()[
                "totalResults"
            ]
            == 1
        )
        assert (
            scim.call("GET", '/Users?filter=emails.value eq "GRACE@contoso.com"').json()[
                "totalResults"
            ]
            == 1
        )
        r = scim.call(
            "PATCH",
            f"/Users/{uid}",
            {
                "schemas": [PATCH],
                "Operations": [
                    {
                        "op": "Replace",
                        "path": 'emails[type eq "work"].value',
                        "value": "grace.h@contoso.com",
                    },
                    {"op": "Replace", "path": "name.givenName", "value": "Gracie"},
                    {"op": "Add", "path": "title", "value": "Rear Admiral"},
                    {"op": "Replace", "path": "displayName", "value": "Gracie Hopper"},
                ],
            },
        )
        assert r.status_code == 200, r.text
        row = _user(db, uid)
        assert (row.email, row.first_name, row.company_role) == (
            "grace.h@contoso.com",
            "Gracie",
            "Rear Admiral",
        )
        assert r.json()["userName"] == "grace.h@contoso.com"
        r = scim.call(
            "PATCH",
            f"/Users/{uid}",
            {
                "schemas": [PATCH],
                "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
            },
        )
        assert r.status_code == 200 and r.json()["active"] is False
        r = scim.call(
            "PATCH",
            f"/Users/{uid}",
            {
                "schemas": [PATCH],
                "Operations": [
                    {"op": "Replace", "value": {"active": "True", "name.familyName": "Murray"}}
                ],
            },
        )
        assert r.status_code == 200 and r.json()["active"] is True
        assert _user(db, uid).last_name == "Murray"
        # Entra ID's group membership: Add, then Remove with the members as the value
        two = scim.call("POST", "/Users", {"userName": "second@contoso.com"}).json()["id"]
        gid = scim.call("POST", "/Groups", {"displayName": "Recruiters"}).json()["id"]
        r = scim.call(
            "PATCH",
            f"/Groups/{gid}",
            {
                "schemas": [PATCH],
                "Operations": [
                    {"op": "Add", "path": "members", "value": [{"value": uid}, {"value": two}]}
                ],
            },
        )
        assert len(r.json()["members"]) == 2 and _user(db, uid).role == "recruiter"
        r = scim.call(
            "PATCH",
            f"/Groups/{gid}",
            {
                "schemas": [PATCH],
                "Operations": [{"op": "Remove", "path": "members", "value": [{"value": uid}]}],
            },
        )
        assert [m["value"] for m in r.json()["members"]] == [two]
        assert (_user(db, uid).role, _user(db, two).role) == ("interviewer", "recruiter")
        assert scim.call("DELETE", f"/Users/{uid}").status_code == 204
        assert scim.call("GET", f"/Users/{uid}").status_code == 404
        assert scim.call("GET", f'/Users?filter=id eq "{uid}"').json()["totalResults"] == 0
        row = _user(db, uid)
        assert row.deleted_at is not None and row.is_enabled is False


def test_paging_and_count_zero(scim: Scim) -> None:
    for i in range(3):
        assert scim.call("POST", "/Users", {"userName": f"p{i}@example.com"}).status_code == 201
    r = scim.call("GET", "/Users?count=0")
    assert r.json()["totalResults"] == 3 and r.json()["Resources"] == []
    r = scim.call("GET", "/Users?startIndex=2&count=1").json()
    assert (r["startIndex"], r["itemsPerPage"], r["Resources"][0]["userName"]) == (
        2,
        1,
        "p1@example.com",
    )
    r = scim.call("GET", '/Users?filter=userName sw "p" and not (userName eq "p0@example.com")')
    assert r.json()["totalResults"] == 2
    r = scim.call("GET", "/Users?attributes=userName").json()["Resources"][0]
    assert set(r) == {"id", "schemas", "userName"}


def test_renaming_a_group_remaps_its_role(scim: Scim, db: Database) -> None:
    uid = scim.call("POST", "/Users", {"userName": "rename@example.com"}).json()["id"]
    gid = scim.call("POST", "/Groups", {"displayName": "Interviewers", "members": [{"value": uid}]})
    assert gid.status_code == 201 and _user(db, uid).role == "interviewer"
    r = scim.call(
        "PATCH",
        f"/Groups/{gid.json()['id']}",
        {
            "schemas": [PATCH],
            "Operations": [
                {"op": "replace", "path": "displayName", "value": "PeopleLens Administrators"}
            ],
        },
    )
    assert r.status_code == 200 and r.json()["displayName"] == "PeopleLens Administrators"
    assert _user(db, uid).role == "admin"
    r = scim.call(
        "PUT", f"/Groups/{gid.json()['id']}", {"displayName": "Staff", "members": [{"value": uid}]}
    )
    assert r.status_code == 200 and _user(db, uid).role == "interviewer"


def test_a_sign_in_name_that_is_no_address(scim: Scim, db: Database) -> None:
    r = scim.call("POST", "/Users", {"userName": "jdoe", "active": True})
    assert r.status_code == 201, r.text
    assert r.json()["userName"] == "jdoe" and "emails" not in r.json()
    assert _user(db, r.json()["id"]).email == "jdoe"
    r = scim.call(
        "PATCH",
        f"/Users/{r.json()['id']}",
        {
            "Operations": [
                {
                    "op": "add",
                    "path": "emails",
                    "value": [{"value": "jdoe@example.com", "type": "work"}],
                }
            ]
        },
    )
    assert r.json()["userName"] == "jdoe@example.com"
    assert r.json()["emails"] == [{"value": "jdoe@example.com"}]


def test_active_is_set_not_removed(scim: Scim) -> None:
    uid = scim.call("POST", "/Users", {"userName": "act@example.com"}).json()["id"]
    r = scim.call("PATCH", f"/Users/{uid}", {"Operations": [{"op": "remove", "path": "active"}]})
    assert r.status_code == 400 and r.json()["scimType"] == "mutability"


def test_discovery_is_accurate(scim: Scim) -> None:
    spc = scim.call("GET", "/ServiceProviderConfig").json()
    assert spc["patch"] == {"supported": True}
    assert spc["filter"]["supported"] is True and spc["filter"]["maxResults"] == 200
    assert not any(spc[k]["supported"] for k in ("bulk", "sort", "etag", "changePassword"))
    assert [a["type"] for a in spc["authenticationSchemes"]] == ["oauthbearertoken"]
    types = scim.call("GET", "/ResourceTypes").json()
    assert {t["id"] for t in types["Resources"]} == {"User", "Group"}
    assert scim.call("GET", "/ResourceTypes/Group").json()["endpoint"] == "/Groups"
    schema = scim.call("GET", f"/Schemas/{USER}").json()
    names = {a["name"] for a in schema["attributes"]}
    assert names == {"userName", "name", "displayName", "title", "active", "emails", "groups"}


def test_entra_updates_with_attributes_we_do_not_keep(scim: Scim) -> None:
    """Entra ID's default mappings PATCH the enterprise extension and phone numbers with every
    update: accepted and ignored (as POST and PUT ignore them), while the rest applies."""
    enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    r = scim.call("POST", "/Users", {"schemas": [USER], "userName": "lin@contoso.com"})
    assert r.status_code == 201, r.text
    uid = r.json()["id"]
    ops = [
        {"op": "Add", "path": f"{enterprise}:department", "value": "Sales"},
        {"op": "Add", "path": 'phoneNumbers[type eq "mobile"].value', "value": "+1 555 0100"},
        {"op": "Replace", "value": {f"{enterprise}:employeeNumber": "42", "title": "Lead"}},
        {"op": "Replace", "path": "name.givenName", "value": "Lin"},
    ]
    r = scim.call("PATCH", f"/Users/{uid}", {"schemas": [PATCH], "Operations": ops})
    assert r.status_code == 200, r.text
    assert r.json()["name"]["givenName"] == "Lin" and r.json()["title"] == "Lead"
    # A path that names nothing at all is still an error.
    bad = [{"op": "Add", "path": "favouriteColour", "value": "green"}]
    r = scim.call("PATCH", f"/Users/{uid}", {"schemas": [PATCH], "Operations": bad})
    assert r.status_code == 400 and r.json()["scimType"] == "invalidPath"
