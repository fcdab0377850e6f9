"""One report from plans and calendars: what the CLI and the web app both call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from constraints import RULES
from i18n import _, formats, ngettext
from scheduler.domain import CalendarFacts, Plan, TeamRequest
from scheduler.domain.availability import with_calendars
from scheduler.plan.baseline import baseline_plan

from .actual import Actual, compare
from .charts import plan_charts
from .charts_actual import actual_charts, judged_sentences
from .draw import Chart
from .figures import Figures, figures_of
from .html import render_page
from .summary import focus_trade, summary


@dataclass(frozen=True)
class Report:
    title: str
    lead: str
    figures: list[Figures]
    charts: list[Chart]
    actual: Actual | None
    summary: tuple[tuple[str, ...], list[tuple[str, ...]]]
    trade: str | None = None  # beside a second plan: what this plan gave focus time up for

    def page(self, timezone: str) -> str:
        against = self.figures[1].label if len(self.figures) > 1 else None
        return render_page(self.title, self.lead, self.charts, self.summary, timezone, against,
                           self.trade)


def by_hand(request: TeamRequest, facts: Mapping[str, CalendarFacts]) -> Plan:
    """The by-hand week (everyone in on Tuesday and Thursday, first common free slot), planned
    afresh each week over a rhythm's weeks, as a team planning by hand does."""
    weeks = [baseline_plan(replace(request, week=request.week + timedelta(weeks=n), weeks=1), facts, RULES)
             for n in range(request.weeks)]
    first = weeks[0]
    joined = replace(
        first, weeks=request.weeks,
        meetings=tuple(m for w in weeks for m in w.meetings),
        lunches=tuple(b for w in weeks for b in w.lunches),
        office_days={m: tuple(d for w in weeks for d in w.office_days.get(m, ())) for m in first.office_days},
        unplaced=tuple(u for w in weeks for u in w.unplaced),
        unplaced_blocks=tuple(b for w in weeks for b in w.unplaced_blocks),
        metrics={key: sum(w.metrics.get(key, 0) for w in weeks) for key in first.metrics},
    )
    return with_calendars(joined, request, facts)


def build_report(plan: Plan, request: TeamRequest | None = None, *, other: Plan | None = None,
                 other_label: str = "other plan", facts: Mapping[str, CalendarFacts] | None = None,
                 after: Mapping[str, CalendarFacts] | None = None,
                 buildings: Mapping[str, str] | None = None,
                 building_capacity: Mapping[str, int] | None = None,
                 now: datetime | None = None) -> Report:
    """The plan's figures and charts, beside `other` if given, and against what the calendars
    read after the week (`after`, judged as of `now`) show, if given. `facts` are the calendars
    as planned."""
    mine = figures_of(plan, request, label=_("this plan"), buildings=buildings,
                      building_capacity=building_capacity, facts=facts)
    theirs = figures_of(other, request, label=other_label, buildings=buildings,
                        building_capacity=building_capacity, facts=facts) if other else None
    charts = plan_charts(mine, theirs)
    actual = None
    if after is not None:
        actual = compare(plan, mine.frame.request, after, now=now or datetime.now().astimezone())
        charts += actual_charts(actual, plan.timezone)
    values = {"team": plan.team, "weeks": plan.weeks, "week": formats.week_of(plan.week)}
    title = (_("%(team)s: %(weeks)d weeks from %(week)s", **values) if plan.weeks > 1
             else _("%(team)s: %(week)s", **values))
    lead = (_("%(members)s, %(meetings)s, status %(status)s",
              members=ngettext("%(num)d member", "%(num)d members", len(mine.members)),
              meetings=ngettext("%(num)d meeting", "%(num)d meetings", mine.meetings_placed),
              status=_(plan.status))
            + (_("; beside %(other)s", other=other_label) if other else "")
            + (_("; with what the calendars show happened") if actual else "") + "."
            + "".join(f" {sentence}" for sentence in (judged_sentences(actual) if actual else [])))
    figures = [mine, *([theirs] if theirs else [])]
    trade = focus_trade(mine, theirs) if theirs else None
    return Report(title, lead, figures, charts, actual, summary(figures), trade)
