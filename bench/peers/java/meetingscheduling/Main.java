package meetingscheduling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * Solves one Timefold meeting-scheduling set for a time limit with Timefold Solver in Java and
 * writes the result as one JSON object (the shape bench/peers/run_timefold.py prints).
 *
 * <pre>java -cp CLASSES:JARS meetingscheduling.Main PROBLEM.txt SECONDS RESULT.json</pre>
 *
 * PROBLEM.txt is the simple text bench/peers/timefold_java.py writes from the set's JSON. The
 * solver configuration is the benchmark repository's meetingSchedulingSolverConfig.xml: solution,
 * entity, constraint provider and a spent limit, so Timefold's default phases (first fit
 * construction, late acceptance local search), one thread (no move threads).
 */
public final class Main {

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: meetingscheduling.Main PROBLEM.txt SECONDS RESULT.json");
            System.exit(2);
        }
        long began = System.nanoTime();
        Problem problem = read(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        SolverConfig config = new SolverConfig()
                .withSolutionClass(MeetingSchedule.class)
                .withEntityClasses(MeetingAssignment.class)
                .withConstraintProviderClass(MeetingSchedulingConstraintProvider.class)
                .withTerminationSpentLimit(Duration.ofMillis(Math.round(seconds * 1000)));
        SolverFactory<MeetingSchedule> factory = SolverFactory.create(config);
        Solver<MeetingSchedule> solver = factory.buildSolver();
        long[] firstFeasible = { -1 };
        long solveBegan = System.nanoTime();
        solver.addEventListener(event -> {
            if (firstFeasible[0] < 0 && event.getNewBestScore().isFeasible()) {
                firstFeasible[0] = System.nanoTime() - solveBegan;
            }
        });
        MeetingSchedule best = solver.solve(problem.schedule);
        double solveSeconds = (System.nanoTime() - solveBegan) / 1e9;
        var analysis = SolutionManager.create(factory).analyze(best);

        StringBuilder out = new StringBuilder("{");
        field(out, "set", quote(problem.name)).append(", ");
        field(out, "time_limit", Double.toString(seconds)).append(", ");
        field(out, "score", quote(best.getScore().toString())).append(", ");
        out.append("\"constraints\": {");
        var it = analysis.constraintAnalyses().iterator();
        while (it.hasNext()) {
            var constraint = it.next();
            field(out, constraint.constraintRef().constraintName(), quote(constraint.score().toString()));
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append("}, ");
        Map<Integer, String> assigned = new TreeMap<>();
        for (MeetingAssignment a : best.getAssignments()) {
            if (a.getStartingTimeGrain() != null || a.getRoom() != null) {
                assigned.put(a.getMeeting().id, "[" + (a.getStartingTimeGrain() == null ? "null" : a.start())
                        + ", " + (a.getRoom() == null ? "null" : a.getRoom().id) + "]");
            }
        }
        field(out, "assigned", Long.toString(best.getAssignments().stream()
                .filter(a -> a.getStartingTimeGrain() != null && a.getRoom() != null).count())).append(", ");
        out.append("\"assignment\": {");
        Iterator<Map.Entry<Integer, String>> entries = assigned.entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            field(out, entry.getKey().toString(), entry.getValue());
            if (entries.hasNext()) {
                out.append(", ");
            }
        }
        out.append("}, ");
        field(out, "feasible_seconds", firstFeasible[0] < 0 ? "null" : round(firstFeasible[0] / 1e9)).append(", ");
        field(out, "solve_seconds", round(solveSeconds)).append(", ");
        field(out, "wall_seconds", round((System.nanoTime() - began) / 1e9)).append(", ");
        field(out, "java", quote(System.getProperty("java.version")));
        out.append("}\n");
        Files.writeString(Path.of(args[2]), out, StandardCharsets.UTF_8);
    }

    private record Problem(String name, MeetingSchedule schedule) {
    }

    /** See bench/peers/timefold_java.py for the format: sections of whitespace-separated lines. */
    static Problem read(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        int at = 0;
        if (!lines.get(at++).equals("rhythm-timefold-problem 1")) {
            throw new IllegalArgumentException(path + ": not a problem file written by bench/peers/timefold_java.py");
        }
        String name = section(lines.get(at++), "set");
        int grainCount = Integer.parseInt(section(lines.get(at++), "grains"));
        int[][] rawGrains = new int[grainCount][];
        Map<Integer, Integer> dayLast = new HashMap<>();
        for (int i = 0; i < grainCount; i++) {
            rawGrains[i] = ints(lines.get(at++)); // id, index, day id, starting minute
            dayLast.merge(rawGrains[i][2], rawGrains[i][1], Math::max);
        }
        List<TimeGrain> grains = new ArrayList<>();
        for (int[] g : rawGrains) {
            grains.add(new TimeGrain(g[0], g[1], g[2], g[3], dayLast.get(g[2]), grainCount));
        }
        int roomCount = Integer.parseInt(section(lines.get(at++), "rooms"));
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            int[] r = ints(lines.get(at++)); // id, capacity
            rooms.add(new Room(r[0], r[1]));
        }
        int meetingCount = Integer.parseInt(section(lines.get(at++), "meetings"));
        List<Meeting> meetings = new ArrayList<>();
        List<MeetingAssignment> assignments = new ArrayList<>();
        List<Set<Integer>> required = new ArrayList<>();
        List<Set<Integer>> preferred = new ArrayList<>();
        for (int i = 0; i < meetingCount; i++) {
            // assignment id, meeting id, duration, required person ids, preferred person ids
            String[] parts = lines.get(at++).split(" ");
            required.add(people(parts[3]));
            preferred.add(people(parts[4]));
            Meeting meeting = new Meeting(Integer.parseInt(parts[1]), i, Integer.parseInt(parts[2]),
                    required.get(i).size() + preferred.get(i).size());
            meetings.add(meeting);
            assignments.add(new MeetingAssignment(Integer.parseInt(parts[0]), meeting));
        }
        for (Meeting m : meetings) {
            m.sharedRequired = new int[meetingCount];
            m.sharedRequiredPreferred = new int[meetingCount];
            m.sharedPreferred = new int[meetingCount];
            m.sharedPeople = new int[meetingCount];
            for (Meeting o : meetings) {
                if (o != m) {
                    int i = m.index;
                    int j = o.index;
                    m.sharedRequired[j] = common(required.get(i), required.get(j));
                    m.sharedRequiredPreferred[j] = common(required.get(i), preferred.get(j))
                            + common(preferred.get(i), required.get(j));
                    m.sharedPreferred[j] = common(preferred.get(i), preferred.get(j));
                    m.sharedPeople[j] = m.sharedRequired[j] + m.sharedRequiredPreferred[j] + m.sharedPreferred[j];
                }
            }
        }
        return new Problem(name, new MeetingSchedule(grains, rooms, meetings, assignments));
    }

    private static String section(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected a '" + key + "' line, found: " + line);
        }
        return line.substring(key.length() + 1);
    }

    private static int[] ints(String line) {
        String[] parts = line.split(" ");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i]);
        }
        return values;
    }

    private static Set<Integer> people(String field) {
        Set<Integer> found = new HashSet<>();
        if (!field.equals("-")) {
            for (String id : field.split(",")) {
                found.add(Integer.parseInt(id));
            }
        }
        return found;
    }

    private static int common(Set<Integer> a, Set<Integer> b) {
        int n = 0;
        for (Integer x : a) {
            if (b.contains(x)) {
                n++;
            }
        }
        return n;
    }

    private static StringBuilder field(StringBuilder out, String key, String json) {
        return out.append(quote(key)).append(": ").append(json);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String round(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f", seconds);
    }
}
