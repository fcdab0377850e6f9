"""The web app in Dutch and in English: the browser's Accept-Language chooses, an account's
own setting overrides it, and what a team sends its members (the invitation) is in the team's
language. Dates, week numbers and times are written the Dutch way in Dutch."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from functools import partial
from pathlib import Path

import icalendar
from flask import Flask
from flask.testing import FlaskClient

from bench.generate_org import generate_org, write_org
from cli.main import main
from store.models import Member, Team
from web.db import sessions
from web.stored import member_ics

from .helpers import mailed_link, plan_week, post
from .mailbox import MAILBOX, text_of
from .test_org_planning import wait_until_planned

DUTCH = "nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"


def words(page: object) -> str:
    """The page's text as a person reads it: tags out, entities read, spaces folded."""
    text = re.sub(r"<[^>]+>", " ", page.get_data(as_text=True))  # type: ignore[attr-defined]
    return " ".join(html.unescape(text).split())


def in_dutch(client: FlaskClient) -> FlaskClient:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = DUTCH
    return client


def test_a_dutch_browser_reads_the_sign_in_page_in_dutch(app: Flask) -> None:
    page = in_dutch(app.test_client()).get("/auth/signin")
    assert '<html lang="nl">' in page.get_data(as_text=True)
    text = words(page)
    assert "Inloggen" in text and "Wachtwoord vergeten?" in text and "Sign in" not in text
    english = words(app.test_client().get("/auth/signin", headers={"Accept-Language": "en-GB"}))
    assert "Forgot your password?" in english and "Wachtwoord" not in english


def test_the_plan_page_in_dutch_has_dutch_days_week_numbers_and_24_hour_times(
        manager: FlaskClient, example_team: int) -> None:
    text = words(plan_week(in_dutch(manager), example_team))
    assert "Week van maandag 30 november 2026 week 49" in text
    assert "ma 30 nov" in text and "di 01 dec" in text and "Kantoor" in text and "Thuis" in text
    assert "Alles wat gevraagd is, is ingepland." in text
    times = re.findall(r"\b\d\d:\d\d\b", text)
    assert times and all(int(t[:2]) < 24 for t in times) and " PM" not in text and " AM" not in text
    assert "Lunch" in text and "Overleg deze week" in text


def test_an_accounts_own_language_overrides_the_browsers(manager: FlaskClient) -> None:
    dutch = in_dutch(manager)
    assert "Mijn account" in words(dutch.get("/account"))
    saved = post(dutch, "/account/language", {"language": "en"}, follow_redirects=True)
    assert "Language saved." in words(saved) and "My account" in words(saved)
    post(dutch, "/account/language", {"language": ""})  # back to the browser's
    assert "Mijn account" in words(dutch.get("/account"))
    refused = post(dutch, "/account/language", {"language": "fr"}, follow_redirects=True)
    assert "Mijn account" in words(refused)  # nothing changed


def test_times_of_day_are_typed_on_the_24_hour_clock(manager: FlaskClient, example_team: int) -> None:
    page = in_dutch(manager).get(f"/teams/{example_team}/rules").get_data(as_text=True)
    assert 'type="time"' not in page
    start = re.search(r'<input[^>]*id="meeting_start"[^>]*>', page)
    assert start and 'value="10:00"' in start.group(0) and 'placeholder="HH:MM"' in start.group(0)
    assert 'pattern="([01][0-9]|2[0-3]):[0-5][0-9]"' in start.group(0)


def test_a_form_error_in_dutch_keeps_the_field_and_translates_the_rest(
        manager: FlaskClient, example_team: int) -> None:
    form = in_dutch(manager).get(f"/teams/{example_team}/rules").get_data(as_text=True)
    assert "Overleg vanaf" in form and "maandag" in form  # labels and weekday names
    sent = post(manager, f"/teams/{example_team}/rules", {
        "meeting_start": "10:00", "meeting_end": "15:00", "meeting_lengths": "25, 55",
        "workdays": ["mon", "tue"], "lunch_start": "12:00", "lunch_end": "13:00",
        "lunch_minutes": "30", "office_min": "1", "office_max": "2", "language": "nl",
        "meeting_lengths_x": "", "focus_minutes": "60"})
    text = words(sent)
    assert "Geef zowel de focusduur als het aantal blokken per week, of geen van beide." in text


def test_the_invitation_is_written_in_the_teams_language(app: Flask, manager: FlaskClient,
                                                          example_team: int) -> None:
    with sessions(app)() as db:
        db.get(Team, example_team).language = "nl"  # type: ignore[union-attr]
        bram = db.query(Member).filter_by(team_id=example_team, key="bram").one()
        db.commit()
        bram_id, email = bram.id, bram.email
    assert email
    # The manager reads English; the e-mail to the team's member is in the team's Dutch.
    press = partial(post, manager, f"/teams/{example_team}/members/{bram_id}/invite")
    link = mailed_link(email, press, "/invitations/")
    mail = MAILBOX.to(email)[-1]
    assert mail["Subject"] == "Mia Manager nodigt je uit voor platform op rhythm"
    body = " ".join(text_of(mail).split())
    assert body.startswith("Hallo Bram Jansen,") and "binnen 7 dagen" in body and link in text_of(mail)
    assert "Invitation sent to" in words(manager.get(f"/teams/{example_team}"))


def test_the_calendar_blocks_rhythm_writes_are_in_the_teams_language(
        app: Flask, manager: FlaskClient, example_team: int) -> None:
    plan_week(manager, example_team)
    for language, titles in (("nl", {"Lunch", "Focustijd", "Kantoordag"}),
                             ("en", {"Lunch", "Focus time", "Office day"})):
        with sessions(app)() as db:
            db.get(Team, example_team).language = language  # type: ignore[union-attr]
            db.commit()
            ana = db.query(Member).filter_by(team_id=example_team, key="ana").one()
            calendar = icalendar.Calendar.from_ical(member_ics(db, ana, date(2026, 11, 30)))
        summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
        assert titles <= summaries, (language, summaries)


def test_a_plans_reasons_are_in_the_teams_language(app: Flask, manager: FlaskClient,
                                                   example_team: int) -> None:
    with sessions(app)() as db:
        team = db.get(Team, example_team)
        assert team is not None
        team.language = "nl"
        # One hour of meeting time cannot hold every meeting: the plan says why, in Dutch.
        team.rules = {**team.rules, "meeting_hours": {"start": "10:00", "end": "11:00"}}
        db.commit()
    text = words(plan_week(manager, example_team))  # the manager reads English
    assert "Not placed" in text
    placed = text[text.index("Not placed"):][:700]
    assert ("Team sync #1 : elke vrije tijd van 25 minuten die Ana de Vries, Bram Jansen, Cas Bakker, Dewi "
            "Visser, Eva Smit en Femke Mulder delen, is bezet door ander overleg (Sprint planning)") in placed


def test_the_organisation_page_in_dutch_names_its_days(app: Flask, manager: FlaskClient,
                                                       tmp_path: Path) -> None:
    org_file = write_org(tmp_path / "org", *generate_org(30, 1, 3))
    org = json.loads(org_file.read_text())
    org["planners"] = ["mia@example.com"]  # the manager fixture's account
    org_file.write_text(json.dumps(org))
    out = tmp_path / "out"
    args = ["org", "plan", str(org_file), "--out", str(out), "--workers", "1", "--no-alone"]
    assert main([*args, "--master-time-limit", "3", "--history", app.config["DATABASE_URL"]]) == 0
    name = json.loads((out / "summary.json").read_text())["organisation"]
    text = words(in_dutch(manager).get(f"/org/{name}"))
    assert "Bezetting per gebouw" in text and "Levendige dagen (50-85% van de bureaus)" in text
    assert "ma 30 nov" in text and "week 49" in text and "11-30" not in text


def _planned_in_dutch(app: Flask, manager: FlaskClient, team: int, name: str, desks: int) -> tuple[str, str]:
    """A Dutch planner makes organisation `name` of the example team in a building of `desks`
    desks and plans it on the web: its status once planned, and its page's words."""
    dutch = in_dutch(manager)
    form = {"name": name, "buildings": f"utrecht {desks}", f"building-{team}": "utrecht"}
    assert post(dutch, "/org/new", form).status_code == 302
    assert post(dutch, f"/org/{name}/plan").status_code == 302
    status = wait_until_planned(app, name).status
    return status, words(dutch.get(f"/org/{name}"))


def test_a_dutch_planner_reads_why_the_organisation_cannot_be_planned_in_dutch(
        app: Flask, manager: FlaskClient, example_team: int) -> None:
    """One desk for the example team's six people: the refusal counts it, in the planner's
    language, with the contract's names (office_days.min) as the request spells them."""
    status, text = _planned_in_dutch(app, manager, example_team, "krap", desks=1)
    assert status == "failed"
    assert "de kantoordagen van de organisatie kunnen niet worden ingepland:" in text
    assert re.search(r"utrecht: de 6 mensen hebben \d+ kantoordagen nodig \(office_days.min\), "
                     r"de 1 bureaus bieden op de dagen dat ze kunnen komen plaats aan \d+", text), text
    assert "cannot be planned" not in text and "people need" not in text


def test_a_dutch_planner_reads_the_organisations_week_in_dutch(
        app: Flask, manager: FlaskClient, example_team: int) -> None:
    """Planned on the web by a Dutch planner: the status and why someone has no coffee date
    (the one team has nobody of another team to meet) are Dutch on /org/NAME, as the rest."""
    status, text = _planned_in_dutch(app, manager, example_team, "ruim", desks=20)
    assert status == "done"
    assert "Status: klaar" in text and "Waarom geen afspraak" in text, text
    assert re.search(r"(niemand van een ander team is in utrecht op hun kantoordagen \((ma|di|wo|do|vr) "
                     r"|geen kantoordag deze week)", text), text
    for english in ("done", "nobody", "no office day", "colleagues", "Coffee"):
        assert english not in text, english


def test_a_dutch_planners_form_error_names_the_line_in_dutch(manager: FlaskClient,
                                                              example_team: int) -> None:
    form = {"name": "krap", "buildings": "utrecht 1\nutrecht", f"building-{example_team}": "utrecht"}
    text = words(post(in_dutch(manager), "/org/new", form))
    assert "buildings regel 2: " in text and "line" not in text, text
