package org.returnflow.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link in every Markdown page of the repository stays inside it and arrives: the file or
 * folder it names exists, and so does the heading it points at ({@code #anchor}, as GitHub makes
 * anchors from headings). A link to another site fails, so that a reader of a clone can follow
 * every link; addresses of the local stack ({@code http://localhost:…}) are allowed, since they
 * are where Returnflow runs, not documents. Code blocks and code spans are not links.
 */
class MarkdownLinksTest {

    private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern AUTOLINK = Pattern.compile("<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\\s]+)>");
    private static final Pattern HTML_LINK = Pattern.compile("<(?:a|img)\\s[^>]*(?:href|src)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*(?:id|name)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LOCAL_STACK = Pattern.compile("^https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?$");
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".returnflow", ".idea", ".mvn");

    private final Path root = Path.of(System.getProperty("returnflow.root", "..")).toAbsolutePath().normalize();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyLinkStaysInTheRepositoryAndArrives() throws IOException {
        List<Path> pages = pages();
        assertThat(pages).as("Markdown pages under " + root).contains(root.resolve("README.md"), root.resolve("docs/design.md"));

        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (Link link : links(page)) {
                String problem = check(page, link.target());
                if (problem != null) {
                    broken.add(root.relativize(page) + ":" + link.line() + ": " + link.target() + " " + problem);
                }
            }
        }
        assertThat(broken).as("links that leave the repository or arrive nowhere").isEmpty();
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(slug("The safeguards S1–S10")).isEqualTo("the-safeguards-s1s10");
        assertThat(slug("Events consumed (`org.returnflow.workflow.messaging`)"))
                .isEqualTo("events-consumed-orgreturnflowworkflowmessaging");
        assertThat(slug("7. Consent, and why the case waits for it")).isEqualTo("7-consent-and-why-the-case-waits-for-it");
        assertThat(slug("[`contracts/`](contracts/README.md) and *more*")).isEqualTo("contracts-and-more");
        assertThat(check(root.resolve("README.md"), "https://example.org/")).contains("leaves the repository");
        assertThat(check(root.resolve("README.md"), "../outside.md")).contains("leaves the repository");
        assertThat(check(root.resolve("README.md"), "docs/no-such-page.md")).contains("no such file");
        assertThat(check(root.resolve("README.md"), "docs/design.md#no-such-heading")).contains("no heading");
        assertThat(check(root.resolve("README.md"), "http://localhost:8080/camunda/app/cockpit/")).isNull();
    }

    private record Link(int line, String target) {
    }

    /** Why the link is broken, or null when it is fine. */
    private String check(Path page, String target) {
        if (target.isEmpty()) {
            return "is empty";
        }
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return LOCAL_STACK.matcher(target).matches() ? null
                    : "leaves the repository (only files of the repository and http://localhost addresses may be linked)";
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? page : page.getParent().resolve(decode(path)).normalize();
        if (!file.startsWith(root)) {
            return "leaves the repository";
        }
        if (!Files.exists(file)) {
            return "points at no such file";
        }
        if (anchor != null && !anchor.isEmpty()) {
            if (!file.toString().endsWith(".md") || Files.isDirectory(file)) {
                return "has an anchor on a file that is not a Markdown page";
            }
            if (!anchorsOf(file).contains(decode(anchor).toLowerCase(Locale.ROOT))) {
                return "points at no heading '#" + anchor + "' in " + root.relativize(file);
            }
        }
        return null;
    }

    private List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        }
    }

    /** The links of a page, outside code blocks and code spans. */
    private static List<Link> links(Path page) {
        List<Link> links = new ArrayList<>();
        boolean fenced = false;
        String fence = null;
        List<String> lines = read(page);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                String marker = trimmed.substring(0, 3);
                if (!fenced) {
                    fenced = true;
                    fence = marker;
                } else if (marker.equals(fence)) {
                    fenced = false;
                }
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "``");
            for (Pattern pattern : List.of(INLINE, AUTOLINK, HTML_LINK)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    links.add(new Link(i + 1, m.group(1)));
                }
            }
            Matcher reference = REFERENCE.matcher(text);
            if (reference.matches()) {
                links.add(new Link(i + 1, reference.group(1)));
            }
        }
        return links;
    }

    private Set<String> anchorsOf(Path page) {
        return anchors.computeIfAbsent(page, p -> {
            Set<String> found = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean fenced = false;
            for (String line : read(p)) {
                if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int n = seen.merge(slug, 1, Integer::sum) - 1;
                    found.add(n == 0 ? slug : slug + "-" + n);
                }
                Matcher html = HTML_ANCHOR.matcher(line);
                while (html.find()) {
                    found.add(html.group(1).toLowerCase(Locale.ROOT));
                }
            }
            return found;
        });
    }

    /** A heading's anchor as GitHub makes it: the text without markup, lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("`", "").replace("*", "");
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> read(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
