"""Results for machines: `lossref check --json FILE` and `--junitxml FILE`. The child process of each check and
backend sends `report_record` of its report; the parent writes the files (no framework import here)."""

import json
import platform
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

PACKAGES = ("lossref", "keras", "numpy", "hypothesis", "tensorflow", "tensorflow-cpu", "jax", "jaxlib", "torch",
            "optax")


def versions():
    """The installed versions a verdict depends on."""
    found = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return found


def report_record(report):
    """A CheckReport as plain data: the verdict, the report text, and per property its status, counts, message
    and counterexample."""
    failures = {(f.property, f.dtype): f for f in report.failures}
    properties = []
    for o in report.outcomes:
        failure = failures.get((o.property, o.dtype))
        properties.append({"property": o.property, "dtype": o.dtype, "status": o.status, "evaluated": o.evaluated,
                           "drawn": o.drawn, "seconds": round(o.seconds, 3),
                           "message": failure.message if failure else None,
                           "counterexample": str(Path(failure.npz).resolve()) if failure and failure.npz else None,
                           "replay": failure.replay if failure else None})
    return {"target": report.label, "against": report.against, "profile": report.profile, "dtype": report.dtype,
            "exit_code": report.exit_code, "diagnosis": report.diagnosis, "notes": list(report.notes),
            "info": list(report.info), "versions": versions(), "properties": properties, "report": str(report)}


def write_json(path, results):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps({"lossref": versions().get("lossref"), "checks": results}, indent=1) + "\n")


def write_junit(path, results):
    """One testcase per check and backend: a failure for `differs`, an error for a usage error or a check that
    could not run, skipped where the backend is not installed; the report text inside."""
    suite = ET.Element("testsuite", name="lossref check", tests=str(len(results)))
    counts = {"failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        case = ET.SubElement(suite, "testcase", classname=f"lossref.check.{result['backend']}",
                             name=f"{result['check']} [{result['backend']}]", time=str(result["seconds"]))
        verdict, text = result["verdict"], result.get("report", "")
        if verdict == "differs":
            counts["failures"] += 1
            failed = ", ".join(p["property"] for p in result.get("properties", []) if p["status"] == "FAILED")
            ET.SubElement(case, "failure", message=f"differs: {failed}" if failed else "differs").text = text
        elif verdict == "not installed":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=f"backend {result['backend']} is not installed")
        elif verdict not in ("conforms", "conforms with notes"):
            counts["errors"] += 1
            ET.SubElement(case, "error", message=verdict).text = text
        if text:
            ET.SubElement(case, "system-out").text = text
    suite.attrib.update({k: str(v) for k, v in counts.items()})
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tree = ET.ElementTree(ET.Element("testsuites"))
    tree.getroot().append(suite)
    tree.write(path, encoding="utf-8", xml_declaration=True)
