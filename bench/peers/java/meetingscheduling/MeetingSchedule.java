package meetingscheduling;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

@PlanningSolution
public class MeetingSchedule {

    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<TimeGrain> timeGrains;
    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<Room> rooms;
    @ProblemFactCollectionProperty
    private List<Meeting> meetings;
    @PlanningEntityCollectionProperty
    private List<MeetingAssignment> assignments;
    @PlanningScore
    private HardMediumSoftScore score;

    public MeetingSchedule() {
    }

    public MeetingSchedule(List<TimeGrain> timeGrains, List<Room> rooms, List<Meeting> meetings,
            List<MeetingAssignment> assignments) {
        this.timeGrains = timeGrains;
        this.rooms = rooms;
        this.meetings = meetings;
        this.assignments = assignments;
    }

    public List<TimeGrain> getTimeGrains() {
        return timeGrains;
    }

    public List<Room> getRooms() {
        return rooms;
    }

    public List<MeetingAssignment> getAssignments() {
        return assignments;
    }

    public HardMediumSoftScore getScore() {
        return score;
    }
}
