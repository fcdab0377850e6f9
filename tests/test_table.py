"""The week table as a person reads it in the terminal."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from cli.table import CELL_MIN, SEP, render_week
from scheduler.domain import (
    Block,
    Change,
    MeetingRequest,
    Member,
    MissingBlock,
    PlacedMeeting,
    Plan,
    TeamRequest,
    Unplaced,
)
from tests.factories import (
    meeting,
    member,
    moved,
    office_change,
    pattern,
    placed,
    request,
    rhythm_plan,
    skipped,
)

CET = timezone(timedelta(hours=1))
WEEK = date(2026, 11, 30)
MON, TUE, WED, THU = (WEEK + timedelta(days=n) for n in range(4))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CET)


def team(size: int = 3) -> TeamRequest:
    names = ["Ana de Vries", "Bram Bakker", "Cas Jansen", "Dewi Smit", "Femke Visser", "Gijs Mol"]
    members = tuple(Member(n.split()[0].lower(), n, "Europe/Amsterdam") for n in names[:size])
    meetings = (
        MeetingRequest("sync", "Team sync", 25, ("ana", "bram"), ("cas",), per_week=2),
        MeetingRequest("design", "Design session", 55, ("ana", "bram"), where="office"),
    )
    return TeamRequest("platform", "Europe/Amsterdam", WEEK, members, meetings)


def plan() -> Plan:
    return Plan(
        "platform", WEEK, "Europe/Amsterdam", "feasible",
        meetings=(
            PlacedMeeting("sync#1", "sync", "Team sync", at(MON, 10), at(MON, 10, 25),
                          ("ana", "bram"), ("cas",), "hybrid"),
            # A plan may carry UTC times: the table shows them in the team's zone.
            PlacedMeeting("sync#2", "sync", "Team sync", at(THU, 13, 30).astimezone(UTC),
                          at(THU, 13, 55).astimezone(UTC), ("ana", "bram"), ("cas",)),
        ),
        lunches=(Block("ana", at(TUE, 12), at(TUE, 12, 30)),),
        focus=(Block("ana", at(WED, 13), at(WED, 15)),),
        office_days={"ana": (MON, TUE), "bram": (MON, TUE), "cas": (TUE,)},
        unplaced=(Unplaced("design", 1, "ana and bram share no free 55-minute block"),),
        unplaced_blocks=(
            MissingBlock("lunch", "bram", "busy all lunch window", TUE),
            MissingBlock("focus", "cas", "no free 120 minutes on a home day"),
        ),
        metrics={"meetings_requested": 3, "meetings_placed": 2, "office_pair_days": 4},
    )


def cell(text: str, member: str, day: str) -> list[str]:
    """The lines in `member`'s row under the column headed `day`, cut where the rules cross."""
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("member"))
    rule = next(line for line in lines if line.startswith("-"))
    begin = header.index(day)
    end = rule.find("+", begin)
    start = next(i for i, line in enumerate(lines) if line.startswith(member))
    out = []
    for line in lines[start:]:
        if not line.strip() or line.startswith("-"):
            break
        out.append(line[begin:end if end >= 0 else None].strip(" |"))
    return [line for line in out if line]


def test_member_row_shows_office_days_and_meeting_times_under_the_right_day() -> None:
    text = render_week(plan(), team())
    assert cell(text, "Ana de Vries", "Mon 30 Nov") == ["[office]", "10:00 Team sync"]
    assert cell(text, "Ana de Vries", "Thu 03 Dec") == ["home", "13:30 Team sync"]
    assert cell(text, "Bram Bakker", "Wed 02 Dec") == ["home"]


def test_lunch_and_focus_are_compact() -> None:
    text = render_week(plan(), team())
    assert cell(text, "Ana de Vries", "Tue 01 Dec") == ["[office]", "12:00 lunch"]
    assert cell(text, "Ana de Vries", "Wed 02 Dec") == ["home", "13:00-15:00 focus"]


def test_optional_attendance_and_missing_lunch_are_marked_in_the_cell() -> None:
    text = render_week(plan(), team())
    assert cell(text, "Cas Jansen", "Mon 30 Nov") == ["home", "10:00 (opt) Team sync"]
    assert cell(text, "Bram Bakker", "Tue 01 Dec") == ["[office]", "no lunch"]


def test_meetingless_day_is_marked_in_the_header() -> None:
    header = render_week(plan(), team()).splitlines()[2:4]
    wed = header[0].index("Wed 02 Dec")
    assert header[1][wed:].startswith("no meetings")


def test_office_attendance_per_day_is_summed_up() -> None:
    text = render_week(plan(), team())
    assert "Mon 30 Nov: 2 at the office, 1 office pair" in text
    assert "Tue 01 Dec: 3 at the office, 3 office pairs" in text
    assert "Office pair days: 4" in text


def test_status_and_unplaced_reasons_are_shown() -> None:
    text = render_week(plan(), team())
    assert "Status: feasible. Meetings placed: 2 of 3." in text
    assert "Design session #1: ana and bram share no free 55-minute block" in text
    assert "Lunch for Bram Bakker on Tue 01 Dec: busy all lunch window" in text
    assert "Focus for Cas Jansen: no free 120 minutes on a home day" in text


def test_a_fully_placed_plan_says_so() -> None:
    done = Plan("platform", WEEK, "Europe/Amsterdam", "optimal")
    text = render_week(done, team())
    assert "Everything requested is placed." in text
    assert "Meetings placed: 0 of 3." in text  # figures fall back to the request


def busy_week(size: int) -> Plan:
    """Every member in every meeting every day, with long titles: the widest realistic week."""
    members = [m.id for m in team(size).members]
    meetings = tuple(
        PlacedMeeting(f"m{h}#{d}", f"m{h}", "Quarterly roadmap review and planning",
                      at(WEEK + timedelta(days=d), h), at(WEEK + timedelta(days=d), h, 55),
                      tuple(members))
        for d in range(5) for h in (10, 11, 14))
    focus = tuple(Block(m, at(WEEK + timedelta(days=d), 15), at(WEEK + timedelta(days=d), 17))
                  for m in members for d in range(5))
    return Plan("platform", WEEK, "Europe/Amsterdam", "optimal", meetings, focus=focus)


def table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if SEP in line]


def test_six_members_by_five_days_fit_in_160_columns() -> None:
    text = render_week(busy_week(6), team(6))
    assert max(len(line) for line in table_lines(text)) <= 160
    assert "11:00 Quarterly roadmap" in cell(text, "Femke Visser", "Fri 04 Dec")[2]
    assert "15:00-17:00 focus" in cell(text, "Femke Visser", "Fri 04 Dec")


def test_a_given_width_shortens_titles_but_keeps_times() -> None:
    text = render_week(busy_week(3), team(3), width=120)
    assert max(len(line) for line in table_lines(text)) <= 120
    assert cell(text, "Ana de Vries", "Mon 30 Nov")[1].startswith("10:00 Quarterly")
    assert cell(text, "Ana de Vries", "Mon 30 Nov")[1].endswith("…")


def test_too_narrow_a_width_keeps_columns_readable_and_lets_the_table_be_wide() -> None:
    text = render_week(busy_week(3), team(3), width=40)
    header = next(line for line in text.splitlines() if line.startswith("member"))
    assert all(len(label) >= CELL_MIN for label in header.split(SEP)[1:-1])


def test_no_line_ends_in_spaces() -> None:
    assert all(line == line.rstrip() for line in render_week(plan(), team()).splitlines())


# A rhythm over several weeks: the repeating week, its exceptions, and a re-plan's changes


def rhythm() -> tuple[Plan, TeamRequest]:
    """Three weeks: syncs Mon and Thu 10:00, design Tue 13:00; week 2 moves, week 3 skips."""
    sync = meeting("sync", ["ana", "bram"], title="Team sync", per_week=2)
    design = meeting("design", ["ana", "bram"], minutes=55, title="Design", optional=["cas"],
                     where="office")
    intro = meeting("intro", ["ana", "cas"], title="Intro", recurring=False)
    asked = request([member("ana"), member("bram"), member("cas")], [sync, design, intro], weeks=3)
    sync_thu = pattern(sync, "thu", "10:00")
    exceptions = [moved(sync_thu, 1, "fri", "10:30", "bram is off on Thursday"),
                  skipped(sync_thu, 2, "bram is off Thursday and Friday"),
                  office_change("ana", 2, ["mon", "wed"], "ana works from home on Tuesday")]
    slots = [pattern(sync, "mon", "10:00"), sync_thu, pattern(design, "tue", "13:00")]
    return rhythm_plan(asked, slots, exceptions, office={"ana": ["mon", "tue"], "bram": ["mon", "tue"],
                                                         "cas": ["tue"]},
                       one_offs=[placed(intro, 1, "fri", "11:00", week=1)]), asked


def test_a_rhythm_is_drawn_as_its_weekdays_with_office_days_and_slots() -> None:
    text = render_week(*rhythm())
    assert text.splitlines()[0] == "platform: rhythm of 3 weeks from Mon 30 Nov 2026 (Europe/Amsterdam)"
    assert cell(text, "Ana", "Mon") == ["[office]", "10:00 Team sync"]
    assert cell(text, "Ana", "Thu") == ["home", "10:00 Team sync"]
    assert cell(text, "Cas", "Tue") == ["[office]", "13:00 (opt) Design"]
    assert "12:00 lunch" not in text  # lunch differs by week: the calendars hold it


def test_a_rhythm_lists_one_off_meetings_with_their_dates() -> None:
    assert "Intro: Fri 11 Dec 11:00" in render_week(*rhythm())


def test_exceptions_are_grouped_by_week_with_their_reasons() -> None:
    lines = render_week(*rhythm()).splitlines()
    start = lines.index("Exceptions (3, 3 forced by the calendars):")
    assert lines[start + 1:start + 6] == [
        "  Week of Mon 7 Dec:",
        "    Team sync Thu 10:00 moved to Fri 10:30 — bram is off on Thursday",
        "  Week of Mon 14 Dec:",
        "    Team sync Thu 10:00 skipped — bram is off Thursday and Friday",
        "    Ana at the office Mon, Wed (rhythm: Mon, Tue) — ana works from home on Tuesday",
    ]


def test_a_rhythm_kept_every_week_says_so() -> None:
    plan, asked = rhythm()
    assert "Exceptions: none, every week keeps the rhythm." in render_week(
        replace(plan, exceptions=()), asked)


def test_a_re_plan_lists_its_changes_with_times_and_reasons() -> None:
    plan, asked = rhythm()
    changes = (Change("moved", "sync", "bram is off on Tuesday", at(THU, 10) + timedelta(7),
                      at(THU, 10, 30) + timedelta(8)),
               Change("added", "intro", "asked for since", after=at(THU, 11) + timedelta(8)),
               Change("removed", "design", "cancelled", before=at(TUE, 13) + timedelta(14)))
    lines = render_week(replace(plan, changes=changes), asked).splitlines()
    start = lines.index("Changes since the plan in use:")
    assert lines[start + 1:] == [
        "  Team sync moved from Thu 10 Dec 10:00 to Fri 11 Dec 10:30 — bram is off on Tuesday",
        "  Intro added Fri 11 Dec 11:00 — asked for since",
        "  Design removed from Tue 15 Dec 13:00 — cancelled",
    ]


def test_a_one_week_re_plan_prints_the_week_then_its_changes() -> None:
    moved_sync = Change("moved", "sync", "cas asked for Monday", at(THU, 13, 30), at(MON, 10))
    text = render_week(replace(plan(), changes=(moved_sync,)), team())
    assert text.splitlines()[-2:] == [
        "Changes since the plan in use:",
        "  Team sync moved from Thu 3 Dec 13:30 to Mon 30 Nov 10:00 — cas asked for Monday",
    ]
    assert "Changes since" not in render_week(plan(), team())


def test_a_re_plan_names_whose_lunch_or_focus_block_changed() -> None:
    changes = (Change("moved", None, "Team sync takes it", at(MON, 12), at(MON, 12, 30),
                      block="lunch", member="ana"),
               Change("removed", None, "bram is off on Thu 03 Dec", before=at(THU, 9), block="focus",
                      member="bram"))
    assert render_week(replace(plan(), changes=changes), team()).splitlines()[-2:] == [
        "  Ana de Vries's lunch moved from Mon 30 Nov 12:00 to Mon 30 Nov 12:30 — Team sync takes it",
        "  Bram Bakker's focus block removed from Thu 3 Dec 09:00 — bram is off on Thu 03 Dec",
    ]


def test_a_rhythm_has_no_line_ending_in_spaces() -> None:
    assert all(line == line.rstrip() for line in render_week(*rhythm()).splitlines())
