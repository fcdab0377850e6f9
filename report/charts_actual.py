"""The charts of what happened against the plan (`report.actual`), and the sentences that
say what is judged and what is not."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from i18n import N_, _, formats

from .actual import Actual
from .draw import OKABE_ITO, Chart, finish
from .formatting import duration
from .svg.bars import BarChart, Series, draw_bars

MEETING_STATUS = {"held": OKABE_ITO["green"], "moved": OKABE_ITO["orange"],
                  "not held": OKABE_ITO["vermillion"], "unknown": OKABE_ITO["grey"]}
OFFICE_OUTCOMES = {"office as planned": OKABE_ITO["blue"], "home as planned": OKABE_ITO["sky"],
                   "home instead of office": OKABE_ITO["vermillion"],
                   "office instead of home": OKABE_ITO["orange"], "not stated": OKABE_ITO["grey"]}
# The keys above are the comparison's words; people read them in their language.
SHOWN = (N_("held"), N_("moved"), N_("not held"), N_("unknown"), N_("office as planned"),
         N_("home as planned"), N_("home instead of office"), N_("office instead of home"),
         N_("not stated"))


def actual_charts(actual: Actual, timezone: str) -> list[Chart]:
    """The three charts, or none when nothing is judged (`judged_sentences` say why)."""
    if not actual.judged:
        return []
    return [meetings_kept(actual, timezone), office_kept(actual), focus_kept(actual, timezone)]


def judged_sentences(actual: Actual) -> list[str]:
    """What the comparison judged and what it left alone, and why, in a person's words."""
    if not actual.received:
        return [_("The members never received this plan: none of its events (by the UID of its "
                  ".ics download or the key of a sync) is in their calendars, so nothing is judged.")]
    said = []
    if not actual.over:
        first = actual.not_over[0] if actual.not_over else None
        said.append(_("No day of this plan is over yet: each day is judged once it is over, the first "
                      "after %(day)s.", day=formats.day(first, padded=True)) if first else
                    _("No day of this plan is over yet: each day is judged once it is over."))
    else:
        said.append(_("%(held)d of %(meetings)d meetings held at their planned time · %(moved)d moved · "
                      "%(missing)d not found, judged on %(days)s.", held=actual.count("held"),
                      meetings=len(actual.meetings), moved=actual.count("moved"),
                      missing=actual.count("not held"), days=_days(actual.over)))
        if actual.not_over:
            said.append(_("Not judged yet, as they are not over: %(days)s.", days=_days(actual.not_over)))
    if actual.not_received:
        said.append(_("Not judged: %(names)s, whose calendars hold none of this plan's events (they never "
                      "received it).", names=", ".join(actual.not_received)))
    return said


def _days(days: tuple[date, ...]) -> str:
    # The days over are the first of the plan's workdays, the rest the others: each a run.
    if len(days) > 2:
        return _("the workdays from %(first)s to %(last)s", first=formats.day(days[0], padded=True),
                 last=formats.day(days[-1], padded=True))
    return (" " + _("and") + " ").join(formats.day(d, padded=True) for d in days)


def meetings_kept(actual: Actual, timezone: str) -> Chart:
    zone = ZoneInfo(timezone)
    counts = {s: actual.count(s) for s in MEETING_STATUS}  # type: ignore[arg-type]
    bars = Series(_("meetings"), list(counts.values()), list(MEETING_STATUS.values()),
                  [str(v) for v in counts.values()])
    drawn = draw_bars(BarChart([_(c) for c in counts], [bars], _("meetings"), width=800, height=280,
                               horizontal=True, whole=True))
    alt = _("Of %(planned)d planned meetings on the days that are over, %(held)d were held at their planned "
            "time, %(moved)d moved and %(missing)d were not found in the calendars.",
            planned=len(actual.meetings), held=counts["held"], moved=counts["moved"],
            missing=counts["not held"])
    rows = [(_when(m.start, zone), m.title, _(m.status), _when(m.moved_to, zone) if m.moved_to else "")
            for m in actual.meetings]
    return finish(drawn, "kept-meetings", _("Meetings held at their planned time"), alt,
                  (_("Planned"), _("Meeting"), _("What happened"), _("Moved to")), rows)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{formats.day(local, padded=True)} {formats.clock(local)}"


def office_kept(actual: Actual) -> Chart:
    names = list(dict.fromkeys(o.name for o in actual.office))
    table = {n: dict.fromkeys(OFFICE_OUTCOMES, 0) for n in names}
    for day in actual.office:
        table[day.name][_outcome(day.planned, day.stated)] += 1
    stacks = [Series(_(outcome), [table[n][outcome] for n in names], colour)
              for outcome, colour in OFFICE_OUTCOMES.items()]
    drawn = draw_bars(BarChart(names, stacks, _("workdays"), height=150 + 35 * len(names), horizontal=True,
                               stacked=True, whole=True, legend=True, legend_columns=3))
    changed = sum(table[n]["home instead of office"] + table[n]["office instead of home"] for n in names)
    alt = _("Office days stated in the calendars against the plan, per member: %(changed)d days differ "
            "from the plan.", changed=changed)
    rows = [(n, *table[n].values()) for n in names]
    return finish(drawn, "kept-office", _("Office days: planned and stated"), alt,
                  (_("Member"), *(_(o) for o in OFFICE_OUTCOMES)), rows)


def focus_kept(actual: Actual, timezone: str) -> Chart:
    zone = ZoneInfo(timezone)
    members = list(dict.fromkeys(f.name for f in actual.focus))
    lost = [sum(f.overwritten_minutes for f in actual.focus if f.name == m) for m in members]
    bars = Series(_("overwritten"), [m / 60 for m in lost], OKABE_ITO["vermillion"],
                  [duration(m) for m in lost])
    drawn = draw_bars(BarChart(members, [bars], _("focus hours overwritten by other meetings"), width=800,
                               height=150 + 35 * max(1, len(members)), horizontal=True))
    hit = [f for f in actual.focus if f.overwritten_minutes]
    alt = _("%(hit)d of %(blocks)d focus blocks were overwritten by other meetings.", hit=len(hit),
            blocks=len(actual.focus))
    rows = [(f.name, f"{_when(f.start, zone)}-{formats.clock(f.end.astimezone(zone))}",
             duration(f.overwritten_minutes)) for f in actual.focus]
    return finish(drawn, "kept-focus", _("Focus blocks overwritten"), alt,
                  (_("Member"), _("Focus block"), _("Overwritten")), rows)


def _outcome(planned: str, stated: str | None) -> str:
    if stated is None:
        return "not stated"
    if stated == planned:
        return f"{planned} as planned"
    return f"{stated} instead of {planned}"
