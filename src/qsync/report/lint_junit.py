"""``--format junit``: one test case per file and rule; errors are failures, the rest is
listed in the test case's output."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO
from xml.etree import ElementTree as ET

from qsync.results.lint import Finding, LintResult


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.path}:{f.line}:{f.col}: {f.severity}: {f.message}" for f in findings)


def document(result: LintResult) -> ET.Element:
    suites = ET.Element("testsuites", name="qsync lint")
    suite = ET.SubElement(suites, "testsuite", name="qsync lint")
    by_file = {path: list(group) for path, group in groupby(result.findings, key=lambda f: f.path)}
    tests = failures = 0
    for path in result.files:
        findings = by_file.get(path, [])
        if not findings:
            ET.SubElement(suite, "testcase", classname=path, name="qsync lint")
            tests += 1
            continue
        for code, group in groupby(sorted(findings, key=lambda f: f.code), key=lambda f: f.code):
            items = list(group)
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{code} {items[0].name}")
            tests += 1
            errors = [f for f in items if f.severity == "error"]
            if errors:
                failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(errors)} {code} error{'s' * (len(errors) != 1)}: {errors[0].message}",
                    type=code,
                )
                failure.text = _describe(errors)
            rest = [f for f in items if f.severity != "error"]
            if rest:
                ET.SubElement(case, "system-out").text = _describe(rest)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
    return suites


def report(result: LintResult, stream: TextIO) -> None:
    tree = document(result)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode") + "\n")
