"""The organisation page and the coffee date in "my week", from what `rhythm org plan` stored."""

from __future__ import annotations

import json
import re
from datetime import date

from bench.generate_org import generate_org, write_org
from cli.main import main
from organisation.history import open_history, store_round

from .helpers import plan_week, signin, signup


def test_the_organisation_page_shows_occupancy_and_affinities(app, manager, tmp_path):
    org_file = write_org(tmp_path / "org", *generate_org(30, 1, 3))
    org = json.loads(org_file.read_text())
    org["planners"] = ["Mia@Example.com"]  # the manager fixture's account
    org["teams"][0]["managers"] = ["olaf@example.com"]
    org_file.write_text(json.dumps(org))
    out = tmp_path / "out"
    args = ["org", "plan", str(org_file), "--out", str(out), "--workers", "1", "--no-alone"]
    assert main([*args, "--master-time-limit", "3", "--history", app.config["DATABASE_URL"]]) == 0
    summary = json.loads((out / "summary.json").read_text())
    page = manager.get(f"/org/{summary['organisation']}").get_data(as_text=True)
    building = summary["buildings"][0]
    row = page[page.index(f'<th scope="row">{building["id"]}</th>'):].split("</tr>")[0]
    assert re.findall(r'class="occupancy">(\d+)<', row) == [str(d["people"]) for d in building["days"]]
    for affinity in summary["affinities"]:
        assert " and ".join(affinity["teams"]) in page
    assert f'<td class="lively">{building["lively_days"]} of {len(building["days"])}</td>' in page
    meetings = summary["meetings"]
    assert f"{meetings['placed']} of {meetings['requested']} meetings placed" in page
    placed = re.findall(r'class="placed">(\d+)<', page)
    assert placed == [str(t["meetings_placed"]) for t in summary["teams"]]
    reach = summary["coffee"]["reach"]
    assert f"{reach['dated']} of {reach['with_office_day']} people with an office day" in page
    for entry in summary["coffee"]["left_out"]:
        assert entry["reason"] in page
    assert summary["organisation"] in manager.get("/org").get_data(as_text=True)
    assert manager.get("/org/nobody").status_code == 404
    # A team's manager named in the request sees it too; anyone else signed in does not.
    olaf, eve = app.test_client(), app.test_client()
    signup(olaf, "olaf@example.com", "Olaf")
    signup(eve, "eve@example.com", "Eve")
    assert olaf.get(f"/org/{summary['organisation']}").status_code == 200
    assert eve.get(f"/org/{summary['organisation']}").status_code == 404
    assert summary["organisation"] not in eve.get("/org").get_data(as_text=True)


def test_my_week_shows_my_coffee_date(app, client, example_team):
    plan_week(client, example_team)  # the example team's week is planned and stored
    with open_history(app.config["DATABASE_URL"])() as db, db.begin():
        store_round(db, "acme", date(2026, 11, 30), [
            {"people": ["ana", "zoe"], "names": ["Ana de Vries", "Zoë Smit"], "building": "utrecht",
             "start": "2026-12-01T14:00:00+01:00", "end": "2026-12-01T14:25:00+01:00"}],
            {"ana": "ana@example.com", "zoe": "zoe@example.com"})
    signup(client, "ana@example.com", "Ana de Vries")
    signin(client, "ana@example.com")
    home = client.get("/").get_data(as_text=True)
    member = re.search(r'href="/me/(\d+)"', home).group(1)
    page = client.get(f"/me/{member}?week=2026-W49").get_data(as_text=True)
    assert "Coffee with <strong>Zoë Smit</strong> at utrecht" in page
    assert "Tue 01 Dec 14:00-14:25" in page
