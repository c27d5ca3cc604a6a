package io.ferrite.core.diff;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A differential corpus file ({@code src/test/resources/diff/*.txt}): one command per line in redis-cli syntax;
 * {@code #} comment lines and blank lines ignored; {@code ~ } compares only the reply's kind, {@code !sort }
 * compares aggregates with their elements sorted, {@code ~lines } texts as sorted lines with digits masked; {@code @listpack } compares exactly with the default encoding
 * thresholds but only the kind with tiny ones (behaviour Redis leaves undefined for its big encodings, such as lex
 * ranges over members of different scores).
 */
public record CorpusFile(String name, List<Step> steps) {
    /** Where corpus files live on the test class path. */
    public static final String DIRECTORY = "diff";

    public static CorpusFile parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Comparison comparison = Comparison.EXACT;
            if (line.startsWith("~ ")) {
                comparison = Comparison.KIND;
                line = line.substring(2);
            } else if (line.startsWith("~lines ")) {
                comparison = Comparison.MASKED_LINES;
                line = line.substring(7);
            } else if (line.startsWith("!sort ")) {
                comparison = Comparison.SORTED;
                line = line.substring(6);
            } else if (line.startsWith("@listpack ")) {
                comparison = Comparison.LISTPACK_EXACT;
                line = line.substring(10);
            }
            byte[][] argv;
            try {
                argv = CliWords.split(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            if (argv.length == 0) throw new IllegalArgumentException(name + ":" + (i + 1) + ": no command");
            steps.add(new Step(i + 1, argv, comparison));
        }
        return new CorpusFile(name, List.copyOf(steps));
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Every {@code *.txt} file of the corpus directory on the class path, by name: a directory of test classes, or
     * the test jar other modules see it in.
     */
    public static List<CorpusFile> all() throws IOException {
        URL dir = CorpusFile.class.getClassLoader().getResource(DIRECTORY);
        if (dir == null) throw new IOException("no " + DIRECTORY + " directory on the test class path");
        URI uri;
        try {
            uri = dir.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("unreadable corpus location " + dir, e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.getPath(DIRECTORY));
            }
        }
        return read(Path.of(uri));
    }

    private static List<CorpusFile> read(Path directory) throws IOException {
        List<CorpusFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(directory)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    files.add(parse(p.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return files;
    }
}
