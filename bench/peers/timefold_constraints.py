"""The benchmark's 12 meeting-scheduling constraints for Timefold's Python solver.

Written from FORMAT.md (names and weights), in the quickstart's style. One deliberate change
of form, not of score: the attendance rules (three conflict rules and room stability) match
pairs of attendances of one person. Each person attends a meeting once, so the pairs two
meetings make are the people they share, and every pair carries the same overlap; the rules
therefore start from the few overlapping (or nearby) assignments and weigh each by the people
shared, instead of joining thousands of attendances on every move (the Java benchmark
`precompute`s for the same reason). `scorer.py` scores attendance by attendance; the two
agree on Timefold's solutions (run.py checks every run).

Needs the `timefold` package and a JDK 17+ (see README.md); rhythm's environment does not.
"""

from __future__ import annotations

from timefold.solver.score import (
    BiConstraintStream,
    Constraint,
    ConstraintFactory,
    HardMediumSoftScore,
    Joiners,
    constraint_provider,
)

from .timefold_model import MeetingAssignment, Room, TimeGrain


@constraint_provider
def define_constraints(f: ConstraintFactory) -> list[Constraint]:
    return [
        # Hard constraints
        room_conflict(f), avoid_overtime(f), required_attendance_conflict(f), required_room_capacity(f),
        start_and_end_on_same_day(f),
        # Medium constraints
        required_and_preferred_attendance_conflict(f), preferred_attendance_conflict(f),
        # Soft constraints
        do_meetings_as_soon_as_possible(f), one_break_between_consecutive_meetings(f),
        overlapping_meetings(f), assign_larger_rooms_first(f), room_stability(f),
    ]


def _overlapping_pairs(f: ConstraintFactory) -> BiConstraintStream:
    """Each two assigned meetings that share a grain, lower meeting id left."""
    return f.for_each(MeetingAssignment).join(
        MeetingAssignment,
        Joiners.less_than(lambda a: a.meeting.id, lambda b: b.meeting.id),
        Joiners.overlapping(lambda a: a.start(), lambda a: a.end()))


def room_conflict(f: ConstraintFactory) -> Constraint:
    """Hard constraint: two meetings in one room at once, per grain shared."""
    return (f.for_each_unique_pair(MeetingAssignment, Joiners.equal(lambda a: a.room.id),
                                   Joiners.overlapping(lambda a: a.start(), lambda a: a.end()))
            .penalize(HardMediumSoftScore.ONE_HARD, lambda a, b: a.overlap(b))
            .as_constraint("Room conflict"))


def avoid_overtime(f: ConstraintFactory) -> Constraint:
    """Hard constraint: a last grain that does not exist, weighted by its index."""
    return (f.for_each_including_unassigned(MeetingAssignment)
            .filter(lambda a: a.starting_time_grain is not None)
            .if_not_exists(TimeGrain, Joiners.equal(lambda a: a.last_grain_index(), lambda g: g.grain_index))
            .penalize(HardMediumSoftScore.ONE_HARD, lambda a: a.last_grain_index())
            .as_constraint("Don't go in overtime"))


def required_attendance_conflict(f: ConstraintFactory) -> Constraint:
    """Hard constraint: a person required at two meetings at once, per grain shared."""
    return (_overlapping_pairs(f).filter(lambda a, b: a.meeting.shared_required(b.meeting) > 0)
            .penalize(HardMediumSoftScore.ONE_HARD,
                      lambda a, b: a.meeting.shared_required(b.meeting) * a.overlap(b))
            .as_constraint("Required attendance conflict"))


def required_room_capacity(f: ConstraintFactory) -> Constraint:
    """Hard constraint: seats missing for required plus preferred attendees."""
    return (f.for_each_including_unassigned(MeetingAssignment)
            .filter(lambda a: a.meeting.required_capacity > a.room_capacity())
            .penalize(HardMediumSoftScore.ONE_HARD, lambda a: a.meeting.required_capacity - a.room_capacity())
            .as_constraint("Required room capacity"))


def start_and_end_on_same_day(f: ConstraintFactory) -> Constraint:
    """Hard constraint: 1 for a meeting whose last grain is on another day."""
    return (f.for_each_including_unassigned(MeetingAssignment)
            .filter(lambda a: a.starting_time_grain is not None)
            .join(TimeGrain, Joiners.equal(lambda a: a.last_grain_index(), lambda g: g.grain_index),
                  Joiners.filtering(lambda a, g: a.starting_time_grain.day_id != g.day_id))
            .penalize(HardMediumSoftScore.ONE_HARD)
            .as_constraint("Start and end on same day"))


def required_and_preferred_attendance_conflict(f: ConstraintFactory) -> Constraint:
    """Medium constraint: required at one meeting, preferred at another at once, per grain."""
    return (_overlapping_pairs(f).filter(lambda a, b: a.meeting.shared_required_preferred(b.meeting) > 0)
            .penalize(HardMediumSoftScore.ONE_MEDIUM,
                      lambda a, b: a.meeting.shared_required_preferred(b.meeting) * a.overlap(b))
            .as_constraint("Required and preferred attendance conflict"))


def preferred_attendance_conflict(f: ConstraintFactory) -> Constraint:
    """Medium constraint: preferred at two meetings at once, per grain shared."""
    return (_overlapping_pairs(f).filter(lambda a, b: a.meeting.shared_preferred(b.meeting) > 0)
            .penalize(HardMediumSoftScore.ONE_MEDIUM,
                      lambda a, b: a.meeting.shared_preferred(b.meeting) * a.overlap(b))
            .as_constraint("Preferred attendance conflict"))


def do_meetings_as_soon_as_possible(f: ConstraintFactory) -> Constraint:
    """Soft constraint: each meeting costs its last grain index."""
    return (f.for_each_including_unassigned(MeetingAssignment)
            .filter(lambda a: a.starting_time_grain is not None)
            .penalize(HardMediumSoftScore.ONE_SOFT, lambda a: a.last_grain_index())
            .as_constraint("Do all meetings as soon as possible"))


def one_break_between_consecutive_meetings(f: ConstraintFactory) -> Constraint:
    """Soft constraint: 100 for any meeting starting the grain after another one's last."""
    return (f.for_each_including_unassigned(MeetingAssignment)
            .filter(lambda a: a.starting_time_grain is not None)
            .join(f.for_each_including_unassigned(MeetingAssignment)
                  .filter(lambda b: b.starting_time_grain is not None),
                  Joiners.equal(lambda a: a.last_grain_index(), lambda b: b.start() - 1))
            .penalize(HardMediumSoftScore.of_soft(100))
            .as_constraint("One TimeGrain break between two consecutive meetings"))


def overlapping_meetings(f: ConstraintFactory) -> Constraint:
    """Soft constraint: 10 per grain any two meetings share, whatever their rooms."""
    return (_overlapping_pairs(f)
            .penalize(HardMediumSoftScore.of_soft(10), lambda a, b: a.overlap(b))
            .as_constraint("Overlapping meetings"))


def assign_larger_rooms_first(f: ConstraintFactory) -> Constraint:
    """Soft constraint: for each larger room than the one assigned, the seats between them."""
    return (f.for_each_including_unassigned(MeetingAssignment)
            .filter(lambda a: a.room is not None)
            .join(Room, Joiners.less_than(lambda a: a.room_capacity(), lambda r: r.capacity))
            .penalize(HardMediumSoftScore.ONE_SOFT, lambda a, r: r.capacity - a.room_capacity())
            .as_constraint("Assign larger rooms first"))


def room_stability(f: ConstraintFactory) -> Constraint:
    """Soft constraint: 1 per person at two meetings in different rooms, the later starting at
    most 2 grains after the earlier ends."""
    return (f.for_each(MeetingAssignment)
            .join(MeetingAssignment,
                  Joiners.less_than(lambda a: a.meeting.id, lambda b: b.meeting.id),
                  Joiners.overlapping(lambda a: a.start(), lambda a: a.end() + 3),
                  Joiners.filtering(lambda a, b: a.room_stability_applies(b)))
            .filter(lambda a, b: a.meeting.shared_people(b.meeting) > 0)
            .penalize(HardMediumSoftScore.ONE_SOFT, lambda a, b: a.meeting.shared_people(b.meeting))
            .as_constraint("Room stability"))
