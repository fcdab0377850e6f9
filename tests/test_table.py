"""The week table as a person reads it in the terminal."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from cli.table import render_week
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


def day_items(text: str, member: str, day: str) -> list[str]:
    """Where `member` is on `day` and that day's items, read from the member's block as a
    person reads it: the line that starts with the day, the items wrapped under its first item,
    and an item's own further lines, indented deeper."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{member}:") or line == member)
    found = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {day} "))
    after = lines[found][2 + len(day):].strip()
    place = next(p for p in ("day off", "office", "home") if after.startswith(p))
    rest = lines[found][2 + len(day):].strip()[len(place):].strip()
    if not rest:
        return [place]
    column = lines[found].index(rest)
    items = rest.split(" · ")
    for line in lines[found + 1:]:
        if not line.startswith(" " * column) or not line.strip():
            break
        if line[column] == " ":  # deeper: the item above goes on
            items[-1] += " " + line.strip()
        else:
            items += line.strip().split(" · ")
    return [place, *items]


def test_member_block_shows_office_days_and_meetings_from_start_to_end() -> None:
    text = render_week(plan(), team())
    # A meeting of two names the other person.
    sync = "Team sync with Bram Bakker"
    assert day_items(text, "Ana de Vries", "Mon 30 Nov") == ["office", f"10:00-10:25 {sync}"]
    assert day_items(text, "Ana de Vries", "Thu 03 Dec") == ["home", f"13:30-13:55 {sync}"]
    assert day_items(text, "Bram Bakker", "Wed 02 Dec") == ["home"]


def test_the_terminal_table_shows_meetings_and_lunches_from_start_to_end() -> None:
    text = render_week(plan(), team())
    assert day_items(text, "Ana de Vries", "Tue 01 Dec") == ["office", "12:00-12:30 lunch"]
    assert day_items(text, "Ana de Vries", "Wed 02 Dec") == ["home", "13:00-15:00 focus"]


def test_optional_attendance_and_missing_lunch_are_marked_on_the_day() -> None:
    text = render_week(plan(), team())
    assert day_items(text, "Cas Jansen", "Mon 30 Nov") == ["home", "10:00-10:25 Team sync (optional)"]
    assert day_items(text, "Bram Bakker", "Tue 01 Dec") == ["office", "no lunch"]


def test_a_day_off_is_a_day_off_in_the_terminal_table() -> None:
    # cas is off on Wednesday; a stray "no lunch" there (an older plan's) is no line either.
    stray = MissingBlock("lunch", "cas", "busy all lunch window", WED)
    off = replace(plan(), days_off={"cas": (WED,)}, busy={},
                  unplaced_blocks=(*plan().unplaced_blocks, stray))
    text = render_week(off, team())
    assert day_items(text, "Cas Jansen", "Wed 02 Dec") == ["day off"]
    # Four days of 09:00-17:00 (the syncs are optional for Cas): 32 hours, not 40.
    assert "Cas Jansen: 1 office day, meetings 0 h 00, focus 32 h 00, 1 day off" in text
    assert "Lunch for Cas Jansen on Wed" not in text


def test_the_member_line_carries_their_figures() -> None:
    text = render_week(plan(), team())
    # ana: two 25-minute syncs; Wed 13:00-15:00 is her focus block, so focus time, not busy.
    assert "Ana de Vries: 2 office days, meetings 0 h 50, focus " in text


def test_meetingless_day_is_marked_in_the_office_lines() -> None:
    assert "  Wed 02 Dec (no meetings): 0 at the office, 0 office pairs" in render_week(plan(), team())


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


def big_team(size: int) -> TeamRequest:
    """`size` members with long Dutch names, in 1:1s with each other and a weekly review."""
    first = ["Anne-Marie", "Maximiliaan", "Jan-Willem", "Christiaan", "Geertruida", "Bartholomeus"]
    last = ["van der Heijden-Vermeulen", "de Wit", "Oosterhuis", "van den Broek"]
    members = tuple(Member(f"m{i}", f"{first[i % 6]} {last[i % 4]}", "Europe/Amsterdam")
                    for i in range(size))
    return TeamRequest("platform", "Europe/Amsterdam", WEEK, members)


def busy_week(asked: TeamRequest) -> Plan:
    """Every member in a long-titled review, a 1:1 and lunch every day, and focus each
    afternoon: the widest realistic week."""
    ids = [m.id for m in asked.members]
    meetings = []
    for d in range(5):
        day = WEEK + timedelta(days=d)
        meetings.append(PlacedMeeting(f"review#{d}", "review", "Quarterly roadmap review and planning",
                                      at(day, 10), at(day, 10, 55), tuple(ids)))
        for i in range(0, len(ids) - 1, 2):
            meetings.append(PlacedMeeting(f"one#{d}{i}", "one", "1:1", at(day, 11), at(day, 11, 25),
                                          (ids[i], ids[i + 1])))
    lunches = tuple(Block(m, at(WEEK + timedelta(days=d), 12), at(WEEK + timedelta(days=d), 12, 30))
                    for m in ids for d in range(5))
    focus = tuple(Block(m, at(WEEK + timedelta(days=d), 15), at(WEEK + timedelta(days=d), 17))
                  for m in ids for d in range(5))
    return Plan("platform", WEEK, "Europe/Amsterdam", "optimal", tuple(meetings), lunches, focus)


def test_the_terminal_table_fits_100_columns_for_6_and_for_50_members() -> None:
    for size in (6, 50):
        asked = big_team(size)
        lines = render_week(busy_week(asked), asked).splitlines()
        assert max(len(line) for line in lines) <= 100, size
        items = day_items("\n".join(lines), asked.members[-1].name, "Fri 04 Dec")
        assert "10:00-10:55 Quarterly roadmap review and planning" in items  # wrapped, not cut
        assert "15:00-17:00 focus" in items
        assert not any("…" in line for line in lines)


def test_a_1_1_never_loses_the_other_persons_name() -> None:
    asked = big_team(6)
    text = render_week(busy_week(asked), asked, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    # The title says only "1:1": each side sees the other's full name, however narrow.
    first, second = asked.members[0].name, asked.members[1].name
    assert f"11:00-11:25 1:1 with {second}" in day_items(text, first, "Mon 30 Nov")
    assert f"11:00-11:25 1:1 with {first}" in day_items(text, second, "Mon 30 Nov")


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
    assert text.splitlines()[0] == ("platform: rhythm of 3 weeks from week 49 (Mon 30 Nov 2026), "
                                    "Europe/Amsterdam")
    assert day_items(text, "Ana", "Mon") == ["office", "10:00-10:25 Team sync"]
    assert day_items(text, "Ana", "Thu") == ["home", "10:00-10:25 Team sync"]
    assert day_items(text, "Cas", "Tue") == ["office", "13:00-13:55 Design (optional)"]
    assert "lunch" not in text  # lunch differs by week: the calendars hold it


def test_a_rhythm_lists_one_off_meetings_with_their_dates() -> None:
    assert "Intro: Fri 11 Dec 11:00" in render_week(*rhythm())


def test_exceptions_are_grouped_by_week_with_their_reasons() -> None:
    lines = render_week(*rhythm()).splitlines()
    start = lines.index("Exceptions (3, 3 forced by the calendars):")
    assert lines[start + 1:start + 6] == [
        "  week 50 (Mon 7 Dec 2026):",
        "    Team sync Thu 10:00 moved to Fri 10:30 — bram is off on Thursday",
        "  week 51 (Mon 14 Dec 2026):",
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
