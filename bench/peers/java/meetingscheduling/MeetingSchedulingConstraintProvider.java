package meetingscheduling;

import static ai.timefold.solver.core.api.score.stream.Joiners.equal;
import static ai.timefold.solver.core.api.score.stream.Joiners.filtering;
import static ai.timefold.solver.core.api.score.stream.Joiners.lessThan;
import static ai.timefold.solver.core.api.score.stream.Joiners.overlapping;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.bi.BiConstraintStream;

/**
 * The 12 constraints of the benchmark's meeting scheduling (FORMAT.md), with its names, levels
 * and weights, written for rhythm's benchmark.
 *
 * One change of form, not of score: the four attendance rules (three conflicts, room stability)
 * match pairs of attendances of one person. A person attends a meeting once, so the pairs two
 * meetings make are the people they share, each pair with the same overlap; here each rule
 * starts from the few pairs of assignments that overlap (or lie near each other) and weighs
 * them by the people shared, precomputed per pair of meetings. That is what the benchmark's
 * {@code precompute} aims at too, taken further: no attendance enters the score at all.
 * bench/peers/scorer.py scores attendance by attendance, and the two are compared on every run.
 */
public class MeetingSchedulingConstraintProvider implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                roomConflict(factory),
                avoidOvertime(factory),
                requiredAttendanceConflict(factory),
                requiredRoomCapacity(factory),
                startAndEndOnSameDay(factory),
                requiredAndPreferredAttendanceConflict(factory),
                preferredAttendanceConflict(factory),
                doMeetingsAsSoonAsPossible(factory),
                oneBreakBetweenConsecutiveMeetings(factory),
                overlappingMeetings(factory),
                assignLargerRoomsFirst(factory),
                roomStability(factory)
        };
    }

    /** Each two assigned meetings that share a grain, once. */
    private static BiConstraintStream<MeetingAssignment, MeetingAssignment> overlappingPairs(ConstraintFactory factory) {
        return factory.forEachUniquePair(MeetingAssignment.class,
                overlapping(MeetingAssignment::start, MeetingAssignment::end));
    }

    // Hard

    Constraint roomConflict(ConstraintFactory factory) {
        return factory.forEachUniquePair(MeetingAssignment.class,
                equal(MeetingAssignment::getRoom),
                overlapping(MeetingAssignment::start, MeetingAssignment::end))
                .penalize(HardMediumSoftScore.ONE_HARD, MeetingAssignment::overlap)
                .asConstraint("Room conflict");
    }

    /** A last grain past the set's grains, weighted by its index (the benchmark's quirk). */
    Constraint avoidOvertime(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(MeetingAssignment.class)
                .filter(a -> a.getStartingTimeGrain() != null
                        && a.lastGrainIndex() >= a.getStartingTimeGrain().gridSize)
                .penalize(HardMediumSoftScore.ONE_HARD, MeetingAssignment::lastGrainIndex)
                .asConstraint("Don't go in overtime");
    }

    Constraint requiredAttendanceConflict(ConstraintFactory factory) {
        return overlappingPairs(factory)
                .filter((a, b) -> a.getMeeting().sharedRequired[b.getMeeting().index] > 0)
                .penalize(HardMediumSoftScore.ONE_HARD,
                        (a, b) -> a.getMeeting().sharedRequired[b.getMeeting().index] * a.overlap(b))
                .asConstraint("Required attendance conflict");
    }

    /** Seats for required and preferred attendees; a meeting without a room has none. */
    Constraint requiredRoomCapacity(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(MeetingAssignment.class)
                .filter(a -> a.getMeeting().requiredCapacity > a.roomCapacity())
                .penalize(HardMediumSoftScore.ONE_HARD, a -> a.getMeeting().requiredCapacity - a.roomCapacity())
                .asConstraint("Required room capacity");
    }

    /** The last grain exists but lies on a later day than the first. */
    Constraint startAndEndOnSameDay(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(MeetingAssignment.class)
                .filter(a -> a.getStartingTimeGrain() != null
                        && a.lastGrainIndex() < a.getStartingTimeGrain().gridSize
                        && a.lastGrainIndex() > a.getStartingTimeGrain().dayLastIndex)
                .penalize(HardMediumSoftScore.ONE_HARD)
                .asConstraint("Start and end on same day");
    }

    // Medium

    Constraint requiredAndPreferredAttendanceConflict(ConstraintFactory factory) {
        return overlappingPairs(factory)
                .filter((a, b) -> a.getMeeting().sharedRequiredPreferred[b.getMeeting().index] > 0)
                .penalize(HardMediumSoftScore.ONE_MEDIUM,
                        (a, b) -> a.getMeeting().sharedRequiredPreferred[b.getMeeting().index] * a.overlap(b))
                .asConstraint("Required and preferred attendance conflict");
    }

    Constraint preferredAttendanceConflict(ConstraintFactory factory) {
        return overlappingPairs(factory)
                .filter((a, b) -> a.getMeeting().sharedPreferred[b.getMeeting().index] > 0)
                .penalize(HardMediumSoftScore.ONE_MEDIUM,
                        (a, b) -> a.getMeeting().sharedPreferred[b.getMeeting().index] * a.overlap(b))
                .asConstraint("Preferred attendance conflict");
    }

    // Soft

    Constraint doMeetingsAsSoonAsPossible(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(MeetingAssignment.class)
                .filter(a -> a.getStartingTimeGrain() != null)
                .penalize(HardMediumSoftScore.ONE_SOFT, MeetingAssignment::lastGrainIndex)
                .asConstraint("Do all meetings as soon as possible");
    }

    /** Any meeting starting the grain after another's last, whoever attends (lunch and night too). */
    Constraint oneBreakBetweenConsecutiveMeetings(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(MeetingAssignment.class)
                .filter(a -> a.getStartingTimeGrain() != null)
                .join(factory.forEachIncludingUnassigned(MeetingAssignment.class)
                        .filter(b -> b.getStartingTimeGrain() != null),
                        equal(MeetingAssignment::lastGrainIndex, b -> b.start() - 1))
                .penalize(HardMediumSoftScore.ofSoft(100))
                .asConstraint("One TimeGrain break between two consecutive meetings");
    }

    Constraint overlappingMeetings(ConstraintFactory factory) {
        return overlappingPairs(factory)
                .penalize(HardMediumSoftScore.ofSoft(10), MeetingAssignment::overlap)
                .asConstraint("Overlapping meetings");
    }

    Constraint assignLargerRoomsFirst(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(MeetingAssignment.class)
                .filter(a -> a.getRoom() != null)
                .join(Room.class, lessThan(MeetingAssignment::roomCapacity, room -> room.capacity))
                .penalize(HardMediumSoftScore.ONE_SOFT, (a, room) -> room.capacity - a.roomCapacity())
                .asConstraint("Assign larger rooms first");
    }

    /**
     * A person at A and then at B (B starts later, at most 2 grains after A ends; no lower bound)
     * in another room. With A first, that is [A.start, A.end + 3) and [B.start, B.end + 3)
     * overlapping, and it weighs the people the two share.
     */
    Constraint roomStability(ConstraintFactory factory) {
        return factory.forEachUniquePair(MeetingAssignment.class,
                overlapping(MeetingAssignment::start, a -> a.end() + 3),
                filtering((a, b) -> a.start() != b.start() && a.getRoom() != b.getRoom()))
                .filter((a, b) -> a.getMeeting().sharedPeople[b.getMeeting().index] > 0)
                .penalize(HardMediumSoftScore.ONE_SOFT, (a, b) -> a.getMeeting().sharedPeople[b.getMeeting().index])
                .asConstraint("Room stability");
    }
}
