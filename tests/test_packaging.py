"""Packaging files checked with their own validators, and the Linux install run for real.

The bundle itself is built and tried by packaging/linux/smoke.sh (CI runs it); these tests are the
fast part: the desktop entry, the AppStream metadata, the macOS Info.plist, and the tarball's
install.sh/uninstall on a stand-in bundle in a temporary PREFIX.
"""

from __future__ import annotations

import importlib.metadata
import os
import plistlib
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import smdesk

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{smdesk.APP_ID}.desktop"
METAINFO = LINUX / f"{smdesk.APP_ID}.metainfo.xml"
sys.path.insert(0, str(ROOT / "packaging" / "macos"))
from macos_plist import info_plist, min_macos  # noqa: E402


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (tests/run.sh installs it)")
    return path


def test_desktop_entry_passes_desktop_file_validate() -> None:
    run = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr


def test_metainfo_passes_appstreamcli_and_matches_the_app() -> None:
    run = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--pedantic",
                          str(METAINFO)], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert not [line for line in run.stdout.splitlines() if line[:2] in ("E:", "W:")], run.stdout
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == smdesk.APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == smdesk.__version__


def test_info_plist_claims_the_macos_qt_needs_and_opens_audio_and_video() -> None:
    assert min_macos((6, 11)) == "13.0"
    assert min_macos((6, 12)) == "14.4"
    plist = info_plist("1.2.3", qt_version=(6, 11))
    assert plistlib.loads(plistlib.dumps(plist)) == plist  # every value is plist-serialisable
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    types = {t for doc in plist["CFBundleDocumentTypes"] for t in doc["LSItemContentTypes"]}
    assert {"public.audio", "public.movie"} <= types
    assert all(doc["CFBundleTypeRole"] == "Viewer" for doc in plist["CFBundleDocumentTypes"])
    imported = {t["UTTypeIdentifier"] for t in plist["UTImportedTypeDeclarations"]}
    assert imported <= types  # every type smdesk declares is one it opens
    assert not [key for key in plist if "Microphone" in key or "Camera" in key]


def test_info_plist_uses_the_installed_qt() -> None:
    qt = importlib.metadata.version("PySide6-Essentials")  # PySide6 X.Y ships Qt X.Y
    major, minor = (int(part) for part in qt.split(".")[:2])
    assert info_plist("0")["LSMinimumSystemVersion"] == min_macos((major, minor))


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/smdesk: same layout, an executable that answers --version."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "smdesk"
    exe.write_text(f'#!/bin/sh\necho "smdesk {smdesk.__version__}"\n')
    exe.chmod(0o755)
    return bundle


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})  # fmt: skip


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux tarball installs on Linux")
def test_tarball_installs_and_uninstalls_without_the_source_tree(
    fake_bundle: Path, tmp_path: Path
) -> None:
    made = _run(["bash", str(LINUX / "tarball.sh"), str(fake_bundle), str(tmp_path / "out")])
    assert made.returncode == 0, made.stderr
    archive = Path(made.stdout.strip().splitlines()[-1])
    assert archive.name == f"smdesk-{smdesk.__version__}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / f"smdesk-{smdesk.__version__}"
    prefix = tmp_path / "prefix"
    installed = _run(["bash", str(unpacked / "install.sh")], PREFIX=str(prefix))
    assert installed.returncode == 0, installed.stderr
    shutil.rmtree(tmp_path / "unpacked")  # uninstalling must not need the tarball

    share = prefix / "share"
    entry = share / "applications" / DESKTOP.name
    assert f"Exec={prefix}/bin/smdesk %F" in entry.read_text()
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "icons/hicolor/scalable/apps" / f"{smdesk.APP_ID}.svg").is_file()
    version = _run([str(prefix / "bin" / "smdesk"), "--version"])
    assert version.stdout.strip() == f"smdesk {smdesk.__version__}"

    removed = _run(["bash", str(prefix / "lib/smdesk/install.sh"), "--uninstall"],
                   PREFIX=str(prefix))  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    left = [p for p in prefix.rglob("*") if p.is_file() or p.is_symlink()]
    # Desktop and icon caches are shared by every app installed there and refreshed, not removed.
    assert [p for p in left if p.suffix != ".cache"] == []


def test_install_sh_outside_a_tarball_says_what_to_do(tmp_path: Path) -> None:
    run = _run(["bash", str(LINUX / "install.sh")], PREFIX=str(tmp_path))
    assert run.returncode == 1
    assert "unpacked smdesk tarball" in run.stderr
    assert not (tmp_path / "bin").exists()


def _inno_registry_lines() -> list[str]:
    text = (ROOT / "packaging" / "windows" / "smdesk.iss").read_text(encoding="utf-8")
    section = text.split("[Registry]", 1)[1].split("\n[", 1)[0]
    return [line for line in section.splitlines() if line.startswith("Root:")]


def test_windows_installer_is_per_user_windowed_and_associates_what_smdesk_accepts() -> None:
    from smdesk.media import SUPPORTED_EXTENSIONS

    text = (ROOT / "packaging" / "windows" / "smdesk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in text
    assert "{autopf}" in text  # %LOCALAPPDATA%\Programs without elevation
    assert 'Excludes: "smdesk-cli.exe"' in text  # the console exe never reaches users
    assert "Root: HKLM" not in text and "{commonprograms}" not in text
    lines = _inno_registry_lines()
    assert all(line.startswith("Root: HKA;") for line in lines)
    associated = {line.split("Classes\\", 1)[1].split("\\", 1)[0] for line in lines
                  if "OpenWithProgids" in line}  # fmt: skip
    assert associated == set(SUPPORTED_EXTENSIONS)
    assert all("uninsdelete" in line for line in lines if "OpenWithProgids" in line)


def test_flatpak_manifest_uses_kde_runtime_and_may_reach_the_keyring() -> None:
    yaml = pytest.importorskip("yaml", reason="pyyaml reads the manifest")
    manifest = yaml.safe_load((ROOT / "packaging/flatpak/io.smdesk.smdesk.yml").read_text())
    assert manifest["app-id"] == smdesk.APP_ID
    assert manifest["runtime"] == "org.kde.Platform"
    assert "--talk-name=org.freedesktop.secrets" in manifest["finish-args"]
    assert "--socket=pulseaudio" in manifest["finish-args"]
    commands = " ".join(manifest["modules"][0]["build-commands"])
    for name in (DESKTOP.name, METAINFO.name, f"{smdesk.APP_ID}.svg"):
        assert name in commands


def test_release_workflow_builds_every_os_and_publishes_checksums_on_tags() -> None:
    yaml = pytest.importorskip("yaml", reason="pyyaml reads the workflow")
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers and "v*" in triggers["push"]["tags"]
    jobs = workflow["jobs"]
    runners = {str(job["runs-on"]) for job in jobs.values()}
    macs = jobs["macos"]["strategy"]["matrix"]["include"]
    runners |= {m["runner"] for m in macs}
    assert any("ubuntu" in r for r in runners) and any("windows" in r for r in runners)
    assert {m["arch"] for m in macs} == {"arm64", "x86_64"}
    for name in ("linux", "windows", "macos"):
        steps = " ".join(str(step.get("run", "")) for step in jobs[name]["steps"])
        assert "smoke" in steps, f"{name} builds without trying the result"
    publish = jobs["publish"]
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert set(publish["needs"]) == {"linux", "flatpak", "windows", "macos"}
    assert any("sha256sum" in str(step.get("run", "")) for step in publish["steps"])
    # Every script a workflow step calls exists in the repository.
    for job in jobs.values():
        for step in job["steps"]:
            for word in str(step.get("run", "")).split():
                if word.startswith("packaging/") and word.endswith((".sh", ".py", ".iss")):
                    assert (ROOT / word).exists(), word
