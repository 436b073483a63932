package org.permitwatch.k8spolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every dependency version is managed in the root pom (Spring Boot's and Cloud's BOMs, or the root's
 * dependencyManagement), never in a module: one place to upgrade, and the enforcer's convergence check then sees
 * one version per artifact. The enforcer has no such rule of its own without a plugin we do not otherwise need.
 */
class BuildPolicyTest {

    @Test
    void modulesDeclareNoDependencyVersionsOrManagementOfTheirOwn() throws Exception {
        Path root = Repository.root();
        List<String> violations = new ArrayList<>();
        List<Path> modules;
        try (Stream<Path> dirs = Files.list(root)) {
            modules = dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .sorted()
                    .toList();
        }
        assertThat(modules).as("module poms found").hasSizeGreaterThanOrEqualTo(14);
        for (Path module : modules) {
            Document pom = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(module.resolve("pom.xml").toFile());
            Element project = pom.getDocumentElement();
            if (child(project, "dependencyManagement") != null) {
                violations.add(module.getFileName() + ": has its own <dependencyManagement>");
            }
            Element dependencies = child(project, "dependencies");
            if (dependencies == null) {
                continue;
            }
            NodeList list = dependencies.getElementsByTagName("dependency");
            for (int i = 0; i < list.getLength(); i++) {
                Element dependency = (Element) list.item(i);
                Element version = child(dependency, "version");
                if (version != null && !version.getTextContent().trim().equals("${project.version}")) {
                    violations.add(module.getFileName() + ": " + text(dependency, "groupId") + ":"
                            + text(dependency, "artifactId") + " has <version>"
                            + version.getTextContent().trim());
                }
            }
        }
        assertThat(violations)
                .as("versions belong in the root pom's dependencyManagement")
                .isEmpty();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "?" : e.getTextContent().trim();
    }
}
