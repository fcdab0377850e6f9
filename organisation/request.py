"""Reading the organisation request: the schema (`schemas/org.v1.json`), each team's v1 request
(by path relative to the organisation file, or inline), then what a schema cannot say.
Every problem is reported at once, by field: `teams[2].request: members[0].id: ...`."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from i18n import _
from scheduler.errors import Problem, RequestError
from scheduler.request import parse_request
from scheduler.request.decode import decode_json
from scheduler.request.read import read_json_document
from scheduler.request.schema_messages import schema_problems, to_problems

from .affinity import affinities_of
from .domain import Building, Coffee, Onboarding, OrgRequest, OrgTeam


def read_org(source: str) -> OrgRequest:
    data, base_dir = read_json_document(source)  # as a team request file is read
    return parse_org(data, base_dir=base_dir)


def parse_org(data: object, *, base_dir: Path | None = None) -> OrgRequest:
    # The schema's findings in the contract's words, as a team request's are.
    problems = to_problems(schema_problems("org", data, "organisation"), "org", "organisation")
    if problems:
        raise RequestError(problems)
    assert isinstance(data, dict)
    teams, starts = [], {}
    for index, raw in enumerate(data["teams"]):
        try:
            team, team_starts = _team(raw, base_dir)
        except RequestError as error:
            problems += [
                Problem(f"teams[{index}].request" + (f": {p.path}" if p.path else ""), p.message)
                for p in error.problems
            ]
            continue
        teams.append(team)
        starts.update(team_starts)
    buildings = tuple(Building(b["id"], b["desks"]) for b in data["buildings"])
    problems += _meaning(data, buildings, teams)
    if problems:
        raise RequestError(problems)
    org = OrgRequest(
        organisation=data["organisation"],
        timezone=data["timezone"],
        week=date.fromisoformat(data["week"]),
        buildings=buildings,
        teams=tuple(teams),
        coffee=_coffee(data.get("coffee")),
        onboarding=_onboarding(data.get("onboarding")),
        starts=starts,
        base_dir=base_dir,
        planners=_addresses(data.get("planners")),
    )
    given = [(tuple(a["teams"]), a.get("weight", 1)) for a in data.get("affinities", [])]
    return replace(org, affinities=affinities_of(org, given))


def _team(raw: dict[str, Any], base_dir: Path | None) -> tuple[OrgTeam, dict[str, date]]:
    ref = raw["request"]
    if isinstance(ref, str):
        if base_dir is None:
            raise RequestError([Problem("", _("a path means nothing here: send the request inline"))])
        file = base_dir / ref
        try:
            text = file.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise RequestError([Problem("", _("%(file)s: cannot be read (%(why)s)", file=ref,
                                                                 why=error.strerror))]) from None
        except UnicodeDecodeError:
            raise RequestError([Problem("", _("%(file)s: is not UTF-8 text", file=ref))]) from None
        # As every request is read: a syntax error by line, a 5000-digit number by its field.
        document = decode_json(text, ref)
        team_dir: Path | None = Path(os.path.abspath(file)).parent
        source = ref
    else:
        document, team_dir, source = ref, base_dir, "inline"
    document, starts = _without_starts(document)
    request = parse_request(document, base_dir=team_dir)
    return OrgTeam(raw["building"], request, document, source, _addresses(raw.get("managers"))), starts


def _addresses(given: list[str] | None) -> tuple[str, ...]:
    return tuple(sorted({address.strip().lower() for address in given or ()}))


def _without_starts(document: Any) -> tuple[Any, dict[str, date]]:
    """`members[].starts` (a newcomer's first day) is the organisation's field, not the team
    contract's: it is taken out before the team request is read."""
    if not isinstance(document, dict) or not isinstance(document.get("members"), list):
        return document, {}
    starts: dict[str, date] = {}
    members: list[Any] = []
    for member in document["members"]:
        if isinstance(member, dict) and "starts" in member:
            member = dict(member)
            try:
                starts[str(member.get("id"))] = date.fromisoformat(str(member.pop("starts")))
            except ValueError:
                raise RequestError(
                    [Problem(f"members[{len(members)}].starts", _("expected a date as YYYY-MM-DD"))]
                ) from None
        members.append(member)
    return {**document, "members": members}, starts


def _meaning(data: dict[str, Any], buildings: tuple[Building, ...], teams: list[OrgTeam]) -> list[Problem]:
    problems = []
    ids = [b.id for b in buildings]
    for i, building in enumerate(ids):
        if building in ids[:i]:
            problems.append(Problem(f"buildings[{i}].id", _("%(item)s is listed twice", item=repr(building))))
    for i, raw in enumerate(data["teams"]):
        if raw["building"] not in ids:
            problems.append(
                Problem(
                    f"teams[{i}].building", _("%(building)r is not a listed building (%(buildings)s)",
                                              building=raw["building"], buildings=", ".join(ids))
                )
            )
    names = [t.name for t in teams]
    for i, team in enumerate(teams):
        if team.name in names[:i]:
            problems.append(Problem(f"teams[{i}].request.team",
                                    _("%(item)s is listed twice", item=_("team %(team)r", team=team.name))))
        if "/" in team.name or "\\" in team.name or team.name.startswith("."):
            # `--out` writes teams/<team>.plan.json: "../x" would write outside it.
            problems.append(Problem(f"teams[{i}].request.team", _(
                "%(team)r names the team's files in --out, so it has no '/' or '\\' and does not start "
                "with '.'", team=team.name)))
        if team.request.week.isoformat() != data["week"]:
            problems.append(
                Problem(
                    f"teams[{i}].request.week",
                    _("%(week)s is not the organisation's week %(org_week)s", week=team.request.week,
                      org_week=data["week"]),
                )
            )
    known = set(names)
    for i, affinity in enumerate(data.get("affinities", [])):
        for j, name in enumerate(affinity["teams"]):
            if teams and name not in known:
                problems.append(Problem(f"affinities[{i}].teams[{j}]",
                                        _("%(team)r is not a listed team", team=name)))
    return problems


def _coffee(raw: dict[str, Any] | None) -> Coffee | None:
    if raw is None:
        return None
    members = raw.get("members", "all")
    return Coffee(
        raw.get("minutes", 25), raw.get("every_weeks", 2), None if members == "all" else tuple(members)
    )


def _onboarding(raw: dict[str, Any] | None) -> Onboarding | None:
    return None if raw is None else Onboarding(raw.get("weeks", 6), raw.get("office_days", 3))

