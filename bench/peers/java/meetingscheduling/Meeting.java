package meetingscheduling;

/**
 * A meeting with, for every other meeting (by index), the people the two share: the attendance
 * rules match pairs of attendances of one person, and a person attends a meeting once, so the
 * pairs two meetings make are exactly the people they share (see the constraint provider).
 */
public final class Meeting {

    public final int id;
    public final int index; // 0..M-1, into the shared* arrays
    public final int durationInGrains;
    public final int requiredCapacity; // required + preferred attendees
    public int[] sharedRequired; // required at both
    public int[] sharedRequiredPreferred; // required at one, preferred at the other (either way)
    public int[] sharedPreferred; // preferred at both
    public int[] sharedPeople; // at both, in any role

    public Meeting(int id, int index, int durationInGrains, int requiredCapacity) {
        this.id = id;
        this.index = index;
        this.durationInGrains = durationInGrains;
        this.requiredCapacity = requiredCapacity;
    }

    @Override
    public String toString() {
        return "Meeting#" + id;
    }
}
