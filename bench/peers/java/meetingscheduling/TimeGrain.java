package meetingscheduling;

/** A 15-minute grain. Grain indexes run on over lunch and nights, as in the benchmark's sets. */
public final class TimeGrain implements Comparable<TimeGrain> {

    public final int id;
    public final int index;
    public final int dayId;
    public final int startingMinuteOfDay;
    /** The last grain index of this grain's day: "start and end on same day" without a join. */
    public final int dayLastIndex;
    /** How many grains the set has: a last grain at or past it is overtime. */
    public final int gridSize;

    public TimeGrain(int id, int index, int dayId, int startingMinuteOfDay, int dayLastIndex, int gridSize) {
        this.id = id;
        this.index = index;
        this.dayId = dayId;
        this.startingMinuteOfDay = startingMinuteOfDay;
        this.dayLastIndex = dayLastIndex;
        this.gridSize = gridSize;
    }

    @Override
    public int compareTo(TimeGrain other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return "TimeGrain#" + index;
    }
}
