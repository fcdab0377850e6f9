package meetingscheduling;

public final class Room {

    public final int id;
    public final int capacity;

    public Room(int id, int capacity) {
        this.id = id;
        this.capacity = capacity;
    }

    @Override
    public String toString() {
        return "Room#" + id;
    }
}
