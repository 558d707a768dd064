package dev.orun.plan.changes;

import java.util.ArrayDeque;
import java.util.Deque;

/** '/'-separated, workspace-relative path helpers. */
final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /** Normalises separators, "." and ".." segments; a leading ".." survives (caller checks). */
    static String clean(String path) {
        String p = path.replace('\\', '/');
        Deque<String> out = new ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else {
                out.addLast(seg);
            }
        }
        return String.join("/", out);
    }

    /** Like {@link #clean} but the root is "." rather than "". */
    static String cleanDir(String dir) {
        String c = clean(dir);
        return c.isEmpty() ? "." : c;
    }

    static boolean escapes(String cleaned) {
        return cleaned.equals("..") || cleaned.startsWith("../");
    }

    /** True when {@code path} is {@code dir} itself or lies under it; "." contains everything. */
    static boolean contains(String dir, String path) {
        return dir.equals(".") || path.equals(dir) || path.startsWith(dir + "/");
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
