"""Packages: valid manifests, complete file lists, reproducible zips, all-or-nothing builds."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from course.cli import main
from course.loader import load_course
from course.model import Course
from scorm_builder.build import BuiltPackage, build
from scorm_builder.render import ModulePage
from scorm_builder.state import worst_case_suspend_data
from scorm_builder.targets import Target
from tests.support.broken import fixture_copy, replace_in
from tests.support.paths import FIXTURE_COURSE, MODULES
from tests.support.xsd import validation_errors

NS = {
    "scorm12": {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "scorm2004": {
        "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}


def all_packages(
    fixture_packages: list[BuiltPackage], real_packages: list[BuiltPackage]
) -> list[BuiltPackage]:
    return fixture_packages + real_packages


def manifest_of(package: BuiltPackage) -> bytes:
    with zipfile.ZipFile(package.path) as archive:
        return archive.read("imsmanifest.xml")


def test_every_manifest_is_valid_against_the_official_xsd(
    fixture_packages: list[BuiltPackage], real_packages: list[BuiltPackage]
) -> None:
    for package in all_packages(fixture_packages, real_packages):
        assert validation_errors(package.target.name, manifest_of(package)) == [], package.path


def test_xsd_validation_catches_a_broken_manifest(fixture_packages: list[BuiltPackage]) -> None:
    for package in fixture_packages:
        broken = manifest_of(package).replace(b"<schemaversion>", b"<version/><schemaversion>")
        assert validation_errors(package.target.name, broken) != []


def test_what_the_xsds_cannot_see(
    fixture_packages: list[BuiltPackage], real_packages: list[BuiltPackage]
) -> None:
    """The blind spots listed in scorm-notes §4, checked by hand."""
    for package in all_packages(fixture_packages, real_packages):
        ns = NS[package.target.name]
        root = etree.fromstring(manifest_of(package))
        with zipfile.ZipFile(package.path) as archive:
            names = set(archive.namelist())
        assert root.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
        version = root.findtext("cp:metadata/cp:schemaversion", namespaces=ns)
        assert version == ("1.2" if package.target.name == "scorm12" else "2004 4th Edition")
        organization_ids = root.xpath("//cp:organization/@identifier", namespaces=ns)
        assert root.find("cp:organizations", ns).get("default") in organization_ids
        resources = {r.get("identifier"): r for r in root.iterfind(".//cp:resource", ns)}
        items = list(root.iterfind(".//cp:item", ns))
        assert [item.get("identifierref") for item in items] == list(resources)
        assert len(items) == len(package.modules), "one SCO per module"
        attribute = "scormtype" if package.target.name == "scorm12" else "scormType"
        listed: set[str] = set()
        for resource in resources.values():
            assert resource.get("type") == "webcontent"
            assert resource.get(f"{{{ns['adlcp']}}}{attribute}") == "sco"
            files = {f.get("href") for f in resource.iterfind("cp:file", ns)}
            assert resource.get("href") in files
            assert resource.get("href").endswith("index.html")
            assert not files & listed, "no file belongs to two SCOs"
            listed |= files
        assert listed == names - {"imsmanifest.xml"}, "every file listed, and only those"
        assert all(not name.startswith(("/", "..")) and "\\" not in name for name in names)
        pass_marks = [m.quiz.pass_mark for m in package.modules if m.quiz]
        if package.target.name == "scorm12":
            found = root.xpath("//adlcp:masteryscore/text()", namespaces=ns)
            assert found == [str(mark) for mark in pass_marks]
        else:
            assert b"masteryscore" not in manifest_of(package)
            found = root.xpath("//imsss:minNormalizedMeasure/text()", namespaces=ns)
            assert [float(value) for value in found] == [mark / 100 for mark in pass_marks]
            # The SCO sets completion and success itself, so the LMS must not on exit.
            controls = root.xpath(
                "//cp:item/imsss:sequencing/imsss:deliveryControls", namespaces=ns
            )
            assert len(controls) == len(package.modules)
            assert all(
                (c.get("completionSetByContent"), c.get("objectiveSetByContent")) == ("true",) * 2
                for c in controls
            )


def test_whole_course_package_holds_every_module_in_order(
    real_packages: list[BuiltPackage],
) -> None:
    course = load_course(MODULES)
    whole = [p for p in real_packages if p.path.name.startswith(course.id)]
    assert [p.path.name for p in whole] == [
        f"{course.id}-scorm12.zip",
        f"{course.id}-scorm2004.zip",
    ]
    for package in whole:
        assert package.modules == course.modules
        with zipfile.ZipFile(package.path) as archive:
            names = archive.namelist()
        for module in course.modules:
            assert f"{module.id}/index.html" in names
            assert f"{module.id}/assets/player.js" in names


def test_scorm2004_course_package_opens_modules_in_order(
    real_packages: list[BuiltPackage],
) -> None:
    """Module n+1 is disabled until module n is completed, through global objectives."""
    ns = NS["scorm2004"] | {"adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3"}
    course = load_course(MODULES)
    (package,) = [p for p in real_packages if p.path.name == f"{course.id}-scorm2004.zip"]
    root = etree.fromstring(manifest_of(package))
    organization = root.find(".//cp:organization", ns)
    assert organization.get(f"{{{ns['adlseq']}}}objectivesGlobalToSystem") == "false"
    items = organization.findall("cp:item", ns)
    written = []
    for position, item in enumerate(items):
        maps = {
            o.get("objectiveID"): o.find("adlseq:mapInfo", ns)
            for o in item.iterfind("imsss:sequencing/adlseq:objectives/adlseq:objective", ns)
        }
        primary = item.find(".//imsss:primaryObjective", ns).get("objectiveID")
        assert maps[primary].get("writeCompletionStatus") == "true"
        written.append(maps[primary].get("targetObjectiveID"))
        conditions = item.findall(".//imsss:preConditionRule/imsss:ruleConditions/*", ns)
        if position == 0:
            assert conditions == []
            continue
        # Disabled while the previous module is not completed, or has reported nothing yet
        # (then "not completed" is unknown and would not fire on its own).
        rule_conditions = item.find(".//imsss:preConditionRule/imsss:ruleConditions", ns)
        assert rule_conditions.get("conditionCombination") == "any"
        assert {(c.get("condition"), c.get("operator")) for c in conditions} == {
            ("completed", "not"),
            ("activityProgressKnown", "not"),
        }
        assert item.find(".//imsss:preConditionRule/imsss:ruleAction", ns).get("action") == (
            "disabled"
        )
        (referenced,) = {c.get("referencedObjective") for c in conditions}
        previous = maps[referenced]
        assert previous.get("readCompletionStatus") == "true"
        assert previous.get("targetObjectiveID") == written[position - 1]
    assert len(set(written)) == len(items)


def test_module_builds_leave_out_the_course_package(tmp_path: Path) -> None:
    course = load_course(MODULES)
    built = build(course, tmp_path, ["scorm2004"], [course.modules[0].id])
    assert [p.path.name for p in built] == [f"{course.modules[0].id}-scorm2004.zip"]


def test_scorm12_metadata(fixture_packages: list[BuiltPackage]) -> None:
    package = next(p for p in fixture_packages if p.target.name == "scorm12")
    md = {"md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"}
    root = etree.fromstring(manifest_of(package))
    assert root.xpath("string(//md:general/md:title/md:langstring)", namespaces=md) == (
        "Basis van ondermijning"
    )
    assert root.xpath("string(//md:general/md:language)", namespaces=md) == "nl"
    assert root.xpath("//md:keyword/md:langstring/text()", namespaces=md) == [
        "ondermijning",
        "test",
    ]
    assert root.xpath("string(//md:typicallearningtime/md:datetime)", namespaces=md) == "PT0H10M"


def test_packages_load_nothing_from_other_hosts(real_packages: list[BuiltPackage]) -> None:
    for package in real_packages:
        with zipfile.ZipFile(package.path) as archive:
            for name in archive.namelist():
                if name == "imsmanifest.xml":
                    continue
                # A source link the learner may follow is no request the package makes; it
                # opens in a new window, so the SCO stays open.
                text = re.sub(
                    r'<a href="https?://[^"]*" target="_blank" rel="noopener noreferrer"',
                    "<a",
                    archive.read(name).decode("utf-8"),
                )
                assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), name
                assert "@import" not in text and "url(http" not in text, name


def test_two_builds_are_byte_identical(fixture_course: Course, tmp_path: Path) -> None:
    first = build(fixture_course, tmp_path / "one")
    second = build(fixture_course, tmp_path / "two")
    digests = [
        [hashlib.sha256(p.path.read_bytes()).hexdigest() for p in b] for b in (first, second)
    ]
    assert digests[0] == digests[1]
    with zipfile.ZipFile(first[0].path) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_sets_the_timestamps(
    fixture_course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")  # 2021-01-01
    (package, *_) = build(fixture_course, tmp_path)
    with zipfile.ZipFile(package.path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2021, 1, 1, 0, 0, 0)}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_failing_build_leaves_the_output_folder_as_it_was(
    fixture_course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build(fixture_course, out, ["scorm12"])
    (out / "notes.txt").write_text("kept")
    before = snapshot(out)
    real_for_target = ModulePage.for_target
    calls = []

    def complete_then_fail(page: ModulePage, target: Target) -> dict[str, bytes]:
        calls.append(target)
        if len(calls) == 2:  # the second package
            raise RuntimeError("disk full")
        return real_for_target(page, target)

    monkeypatch.setattr(ModulePage, "for_target", complete_then_fail)
    with pytest.raises(RuntimeError):
        build(fixture_course, out)
    assert snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".building-")] == []


def test_cli_check_and_build(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--root", str(FIXTURE_COURSE)])
    assert result.exit_code == 0, result.output
    assert "1 module(s), 18 screens, no problems" in result.output

    out = tmp_path / "dist"
    result = runner.invoke(
        main,
        [
            "build",
            "--root",
            str(FIXTURE_COURSE),
            "--out",
            str(out),
            "--target",
            "scorm2004",
            "--module",
            "basis",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.zip")) == ["basis-scorm2004.zip"]
    header, row = result.output.splitlines()[:2]
    assert header.split() == ["package", "size", "screens", "questions"]
    assert row.split()[0].endswith("basis-scorm2004.zip") and row.split()[-2:] == ["18", "7"]

    result = runner.invoke(main, ["build", "--root", str(FIXTURE_COURSE), "--module", "nope"])
    assert result.exit_code == 2 and "no module nope; known: basis" in result.output


def test_cli_reports_problems_and_builds_nothing(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / "01-basis" / "quiz.yaml", "    correct: a\n", "    correct: c\n")
    out = tmp_path / "dist"
    out.mkdir()
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 1
    assert "quiz.yaml:17: question 'definitie': correct answer 'c'" in result.output
    assert "1 problem found; nothing was built." in result.output
    assert list(out.iterdir()) == []
    assert CliRunner().invoke(main, ["check", "--root", str(root)]).exit_code == 1


def test_build_refuses_state_that_cannot_fit(
    fixture_course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from course.problems import AuthoringError
    from scorm_builder.targets.scorm12 import Scorm12

    worst = len(worst_case_suspend_data(fixture_course.modules[0]))
    monkeypatch.setattr(Scorm12, "suspend_data_limit", worst - 1)
    with pytest.raises(AuthoringError) as raised:
        build(fixture_course, tmp_path / "dist")
    assert f"can save {worst} characters of state, over SCORM 1.2's limit" in str(raised.value)
    assert not (tmp_path / "dist").exists() or list((tmp_path / "dist").iterdir()) == []


def test_real_course_worst_case_state_fits_scorm12() -> None:
    for module in load_course(MODULES).modules:
        assert len(worst_case_suspend_data(module)) < 2048, module.id


@pytest.mark.parametrize(
    "written",
    ["media/kaart.png", "../media/kaart.png"],
    ids=["from the module folder, as the guide writes it", "from the lesson's own folder"],
)
def test_images_are_packaged_under_media(tmp_path: Path, written: str) -> None:
    root = fixture_copy(tmp_path)
    (root / "01-basis" / "media").mkdir(exist_ok=True)
    (root / "01-basis" / "media" / "kaart.png").write_bytes(b"\x89PNG fake")
    replace_in(
        root / "01-basis" / "lessons" / "01-intro.md",
        "Dat heet ondermijning.",
        f"Dat heet ondermijning.\n\n![Kaart van de wijk]({written})",
    )
    (package, *_) = build(load_course(root), tmp_path / "dist", ["scorm2004"])
    with zipfile.ZipFile(package.path) as archive:
        assert archive.read("media/kaart.png") == b"\x89PNG fake"
        html = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
    assert '<img src="media/kaart.png" alt="Kaart van de wijk"' in html
    assert '<file href="media/kaart.png"/>' in manifest


def test_cli_report_prints_figures_and_the_objective_matrix() -> None:
    result = CliRunner().invoke(main, ["report", "--root", str(MODULES)])
    assert result.exit_code == 0, result.output
    course = load_course(MODULES)
    for module in course.modules:
        assert f"{module.title} ({module.id})" in result.output
        for objective in module.spec.objectives:
            line = rf"^\s+{objective.id}: taught by \S.*; tested by \d+ question\(s\) \S"
            assert re.search(line, result.output, re.M), objective.id
    assert result.output.count("words per sentence: meets the targets") == len(course.modules)
    assert "study time about" in result.output


def test_cli_check_lists_screens_that_read_hard_as_warnings(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(
        root / "01-basis" / "lessons" / "01-intro.md",
        "- gemeente",
        # Hard items making a screen of 30 words or more, which Flesch–Douma then judges.
        "\n".join(["- De politie ondersteunt de gemeentelijke aanpak."] * 5),
    )
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: 01-basis/lessons/01-intro.md:10: screen 'intro/partners' reads hard: "
        "Flesch–Douma 12.5 (target ≥ 60) — use shorter sentences and common words (long here: "
        "gemeentelijke); 'course report --module basis' shows its longest sentences"
    ) in result.output.replace(f"{root}/", "")
    assert "no problems, " in result.output
