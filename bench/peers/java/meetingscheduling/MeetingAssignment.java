package meetingscheduling;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/** The planning entity: a meeting's starting grain and room, both chosen by the solver. */
@PlanningEntity
public class MeetingAssignment {

    @PlanningId
    private Integer id;
    private Meeting meeting;
    @PlanningVariable
    private TimeGrain startingTimeGrain;
    @PlanningVariable
    private Room room;

    public MeetingAssignment() {
    }

    public MeetingAssignment(int id, Meeting meeting) {
        this.id = id;
        this.meeting = meeting;
    }

    public Integer getId() {
        return id;
    }

    public Meeting getMeeting() {
        return meeting;
    }

    public TimeGrain getStartingTimeGrain() {
        return startingTimeGrain;
    }

    public void setStartingTimeGrain(TimeGrain startingTimeGrain) {
        this.startingTimeGrain = startingTimeGrain;
    }

    public Room getRoom() {
        return room;
    }

    public void setRoom(Room room) {
        this.room = room;
    }

    public int start() {
        return startingTimeGrain.index;
    }

    /** Exclusive. */
    public int end() {
        return startingTimeGrain.index + meeting.durationInGrains;
    }

    public int lastGrainIndex() {
        return end() - 1;
    }

    public int overlap(MeetingAssignment other) {
        return Math.max(0, Math.min(end(), other.end()) - Math.max(start(), other.start()));
    }

    public int roomCapacity() {
        return room == null ? 0 : room.capacity;
    }

    @Override
    public String toString() {
        return meeting.toString();
    }
}
