from __future__ import annotations

from tests.factories import Api


class TestTemplates:
    def test_create_shape(self, api: Api) -> None:
        tpl = api.template(title="Go screening", language="de")
        assert tpl["id"].startswith("tpl-")
        assert tpl["title"] == tpl["name"] == "Go screening"
        assert tpl["language"] == "de"
        questions = tpl["structure_template"]
        assert [q["id"] for q in questions] == ["q1", "q2"]
        assert questions[0]["type"] == "technical" and questions[0]["max_follow_ups"] == 1
        assert api.get(f"/api/v1/templates/{tpl['id']}").json() == tpl

    def test_name_alias_and_put(self, api: Api) -> None:
        r = api.post("/api/v1/templates", json={"name": "By name"})
        assert r.status_code == 201 and r.json()["title"] == "By name"
        tpl = r.json()
        r = api.put(
            f"/api/v1/templates/{tpl['id']}",
            json={
                "ending_message": "Bye",
                "structure_template": [
                    {
                        "id": "own",
                        "text": "Why us?",
                        "type": "motivational",
                        "behavioral_intent": "motivation",
                        "expected_answer": "specific reasons",
                        "max_follow_ups": 2,
                    }
                ],
            },
        )
        body = r.json()
        assert body["ending_message"] == "Bye" and body["title"] == "By name"
        assert body["structure_template"][0]["id"] == "own"
        assert body["structure_template"][0]["max_follow_ups"] == 2

    def test_bad_input(self, api: Api) -> None:
        for body, param in [
            ({}, None),
            ({"title": "a", "name": "b"}, None),
            (
                {"title": "t", "structure_template": [{"text": "q", "type": "x"}]},
                "structure_template[0].type",
            ),
            (
                {"title": "t", "structure_template": [{"type": "general"}]},
                "structure_template[0].text",
            ),
            ({"title": "t", "structure_template": [{"text": "q"}] * 51}, "structure_template"),
        ]:
            r = api.post("/api/v1/templates", json=body)
            assert r.status_code == 422, (body, r.text)
            assert r.json()["error"]["param"] == param

    def test_delete_refused_while_active_plan_uses_it(self, api: Api) -> None:
        tpl = api.template()
        plan = api.invite(api.candidate()["id"], tpl["id"])
        r = api.delete(f"/api/v1/templates/{tpl['id']}")
        assert r.status_code == 409 and r.json()["error"]["code"] == "template_in_use"
        api.post(f"/api/v1/interviews/{plan['plan_id']}/cancel")
        assert api.delete(f"/api/v1/templates/{tpl['id']}").json()["deleted"] is True
        steps = api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"]
        assert steps[0]["template_id"] is None

    def test_list(self, api: Api) -> None:
        a = api.template()
        b = api.template()
        data = api.get("/api/v1/templates").json()["data"]
        assert [t["id"] for t in data] == [b["id"], a["id"]]
