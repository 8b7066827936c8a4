"""The Dockerfile, read as data: non-root, a health check, the model installed and checked
at build time, nothing downloaded at run time, and the same dependency sources as the
README's `make` set-up (pyproject.toml, Debian's Tesseract packages), so they cannot drift.

No Docker daemon is needed: the file is parsed, and what it refers to is checked
against the repository.
"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from app.config import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    line: int


def parse(text: str) -> list[Instruction]:
    """Instructions with their continuation lines joined; comments dropped."""
    out: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        keyword, _, args = " ".join(p for p in pending if p).partition(" ")
        out.append(Instruction(keyword.upper(), args.strip(), start))
        pending = []
    assert not pending, "the Dockerfile ends inside a continued instruction"
    return out


@pytest.fixture(scope="module")
def instructions() -> list[Instruction]:
    return parse(DOCKERFILE.read_text())


def _all(instructions: list[Instruction], keyword: str) -> list[Instruction]:
    return [i for i in instructions if i.keyword == keyword]


def _one(instructions: list[Instruction], keyword: str) -> Instruction:
    found = _all(instructions, keyword)
    assert len(found) == 1, f"expected one {keyword}, found {len(found)}"
    return found[0]


def _exec_form(args: str) -> list[str]:
    """A JSON-array instruction argument (exec form), as a list."""
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


def _env(instructions: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for ins in _all(instructions, "ENV"):
        for token in shlex.split(ins.args):
            name, sep, value = token.partition("=")
            assert sep, f"ENV on line {ins.line} must use NAME=value"
            env[name] = value
    return env


def _workdir(instructions: list[Instruction]) -> PurePosixPath:
    return PurePosixPath(_all(instructions, "WORKDIR")[-1].args)


def _copies(instructions: list[Instruction]) -> list[tuple[list[str], PurePosixPath]]:
    """(sources, absolute destination) of each COPY from the build context."""
    workdir = _workdir(instructions)
    out = []
    for ins in _all(instructions, "COPY"):
        parts = [p for p in shlex.split(ins.args) if not p.startswith("--")]
        *sources, dest = parts
        out.append((sources, workdir / dest))
    return out


def _commands(shell: str) -> list[list[str]]:
    """A shell line split into its simple commands (at &&, ||, ; and |), each as words."""
    lexer = shlex.shlex(shell, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    for token in lexer:
        if token in ("&&", "||", ";", "|"):
            commands.append([])
        else:
            commands[-1].append(token)
    return [c for c in commands if c]


def _pip_installs(instructions: list[Instruction]) -> list[list[str]]:
    """The arguments of each `pip install` in a RUN."""
    found = []
    for ins in _all(instructions, "RUN"):
        for words in _commands(ins.args):
            if "pip" in words and "install" in words:
                found.append(words[words.index("install") + 1 :])
    return found


def _apt_packages(text: str) -> set[str]:
    """The packages named by every `apt-get install` in a shell text."""
    packages: set[str] = set()
    for match in re.finditer(r"apt-get\s+install((?:\s+[^\s;&|\\]+)+)", text):
        packages |= {w for w in match.group(1).split() if not w.startswith("-")}
    return packages


def _makefile_target(name: str) -> str:
    """The recipe of one Makefile target, continuation lines included."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{re.escape(name)}\s*:", line))
    body = []
    for line in lines[start + 1 :]:
        if line and not line.startswith("\t"):
            break
        body.append(line.replace("\\", " "))
    return "\n".join(body)


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _dependencies() -> dict[str, str]:
    """Normalized project dependency name -> its full requirement string."""
    deps = _pyproject()["project"]["dependencies"]  # type: ignore[index]
    out = {}
    for req in deps:  # type: ignore[attr-defined]
        name = re.split(r"[\[=<>!~; ]", req, maxsplit=1)[0]
        out[re.sub(r"[-_.]+", "-", name).lower()] = req
    return out


# -- the tests ---------------------------------------------------------------------------


def test_base_image_is_the_python_the_project_requires(instructions: list[Instruction]) -> None:
    image = _one(instructions, "FROM").args.split()[0]
    match = re.fullmatch(r"python:(\d+)\.(\d+)(?:[.-].*)?", image)
    assert match, image
    version = (int(match.group(1)), int(match.group(2)))
    requires = str(_pyproject()["project"]["requires-python"])  # type: ignore[index]
    assert f">={version[0]}.{version[1]}" in requires
    assert f"<{version[0]}.{version[1] + 1}" in requires


def test_runs_as_a_non_root_user(instructions: list[Instruction]) -> None:
    users = _all(instructions, "USER")
    assert users, "no USER: the service would run as root"
    user = users[-1].args.split(":")[0]
    assert user not in ("root", "0")
    cmd = _one(instructions, "CMD")
    assert users[-1].line < cmd.line
    # The user is made in the image, as a system user that is not uid 0.
    made = [
        i
        for i in _all(instructions, "RUN")
        if re.search(rf"\buseradd\b[^&]*\b{re.escape(user)}\b", i.args)
    ]
    assert made, f"user {user} is never created"
    uid = re.search(r"--uid\s+(\d+)", made[0].args)
    assert uid is None or int(uid.group(1)) != 0
    # Nothing runs as root after the switch (a RUN then would need root's files).
    assert not [i for i in _all(instructions, "RUN") if i.line > users[-1].line]


def test_data_volume_is_writable_by_the_user(instructions: list[Instruction]) -> None:
    user = _all(instructions, "USER")[-1].args.split(":")[0]
    url = _env(instructions)["REDACTOR_DATABASE_URL"]
    db = PurePosixPath(url.removeprefix("sqlite:///"))
    assert db.is_absolute(), url
    volumes = [PurePosixPath(v) for i in _all(instructions, "VOLUME") for v in json.loads(i.args)]
    assert db.parent in volumes
    assert any(
        re.search(rf"chown\s+{re.escape(user)}\S*\s+{re.escape(str(db.parent))}\b", i.args)
        for i in _all(instructions, "RUN")
    ), "the audit database's directory is not the user's"


def test_healthcheck_probes_the_service(instructions: list[Instruction]) -> None:
    check = _one(instructions, "HEALTHCHECK").args
    assert not check.upper().startswith("NONE")
    options, _, command = check.partition("CMD")
    assert command, "HEALTHCHECK without CMD"
    assert re.search(r"--interval=\d+s", options) and re.search(r"--timeout=\d+s", options)
    argv = _exec_form(command.strip())
    probe = " ".join(argv)
    port = _exec_form(_one(instructions, "CMD").args)
    served = port[port.index("--port") + 1]
    assert re.search(rf"http://(127\.0\.0\.1|localhost):{served}/(healthz|readyz)", probe), probe
    assert served in _one(instructions, "EXPOSE").args.split()


def test_the_model_is_installed_and_checked_at_build_time(
    instructions: list[Instruction],
) -> None:
    settings = Settings()
    manifest = json.loads((ROOT / "models" / "spacy_models.json").read_text())
    entry = manifest["models"][settings.spacy_model]
    # The pipeline is a pinned dependency of the project, the version the manifest records.
    package = settings.spacy_model.replace("_", "-")
    assert _dependencies()[package] == f"{package}=={entry['version']}"
    # ...and the project is what the image installs, before the user switch.
    installs = _pip_installs(instructions)
    assert ["."] in installs or ["-e", "."] in installs
    # A build step loads it the way startup does (checksums against the manifest).
    user_line = _all(instructions, "USER")[-1].line
    loads = [
        i
        for i in _all(instructions, "RUN")
        if i.line < user_line and "Detector.load(" in i.args and "Settings()" in i.args
    ]
    assert loads, "no build step loads the detector"
    pip_line = next(
        i.line for i in _all(instructions, "RUN") if re.search(r"pip install\s+(-e\s+)?\.", i.args)
    )
    models_copied = next(
        i.line for i in _all(instructions, "COPY") if "models" in shlex.split(i.args)
    )
    assert pip_line < loads[0].line and models_copied < loads[0].line


def test_nothing_is_downloaded_at_run_time(instructions: list[Instruction]) -> None:
    assert not _all(instructions, "ENTRYPOINT")
    cmd = _exec_form(_one(instructions, "CMD").args)
    assert cmd[:2] == ["uvicorn", "app.main:app"], cmd
    run_time = " ".join(cmd) + " " + _one(instructions, "HEALTHCHECK").args
    for word in ("pip", "download", "curl", "wget", "git", "apt-get", "http://", "https://"):
        if word.startswith("http"):
            # the health check may only talk to the container itself
            assert all(
                re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", u)
                for u in re.findall(r"https?://\S+", run_time)
            ), run_time
        else:
            assert not re.search(rf"\b{word}\b", run_time), word
    # No step fetches a spaCy model by name: the pinned package is the model.
    assert "spacy download" not in DOCKERFILE.read_text()
    # Hugging Face libraries would need their offline switches in the image's ENV.
    hf = {"transformers", "huggingface-hub", "sentence-transformers", "spacy-transformers"}
    if hf & set(_dependencies()):
        env = _env(instructions)
        assert env.get("HF_HUB_OFFLINE") == "1" and env.get("TRANSFORMERS_OFFLINE") == "1"
    # tldextract is kept offline by the code the image runs at build time and at startup.
    source = (ROOT / "app" / "redaction" / "detection.py").read_text()
    load = source[source.index("def load(") :]
    assert "make_tldextract_offline()" in load[: load.index("return cls(")]


def _tesserocr_install() -> list[str]:
    """`make ocr`'s pip install of tesserocr, built from source at the Makefile's version."""
    makefile = (ROOT / "Makefile").read_text()
    version = re.search(r"^TESSEROCR_VERSION \?= (\S+)$", makefile, re.MULTILINE)
    assert version is not None
    assert "pip install -q --no-binary tesserocr 'tesserocr==$(TESSEROCR_VERSION)'" in (
        _makefile_target("ocr")
    )
    return ["--no-binary", "tesserocr", f"tesserocr=={version.group(1)}"]


def test_dependencies_come_from_the_same_files_as_make(instructions: list[Instruction]) -> None:
    """`make install` and the image both install pyproject.toml, and beside it only
    tesserocr as `make ocr` builds it (from source, against Debian's libtesseract)."""
    install = _makefile_target("install")
    assert re.search(r"pip install -e \.(\s|$)", install), install
    copied = {s for sources, _ in _copies(instructions) for s in sources}
    assert "pyproject.toml" in copied
    installs = _pip_installs(instructions)
    for args in installs:
        assert args in (["."], ["-e", "."], _tesserocr_install()), f"pip install: {args}"
    assert _tesserocr_install() in installs
    assert not list(ROOT.glob("requirements*.txt")), "a second dependency list would drift"


def test_debian_packages_are_those_of_make_ocr(instructions: list[Instruction]) -> None:
    make_ocr = _apt_packages(_makefile_target("ocr"))
    image = _apt_packages(" ".join(i.args for i in _all(instructions, "RUN")))
    assert make_ocr == {
        "tesseract-ocr",
        "tesseract-ocr-eng",
        # tesserocr's build against Debian's libtesseract
        "libtesseract-dev",
        "libleptonica-dev",
        "pkg-config",
        "g++",
    }
    assert image == make_ocr
    readme = (ROOT / "README.md").read_text()
    assert all(f"`{p}`" in readme for p in make_ocr)


def _in_image(instructions: list[Instruction], relative: PurePosixPath) -> bool:
    """Whether some COPY puts the repository path `relative` at WORKDIR/relative."""
    workdir = _workdir(instructions)
    for sources, dest in _copies(instructions):
        for src in sources:
            source = PurePosixPath(src)
            if (ROOT / src).is_dir() and relative.is_relative_to(source):
                # COPY dir dest: the directory's contents land in dest.
                if dest / relative.relative_to(source) == workdir / relative:
                    return True
            elif relative == source and dest / source.name == workdir / relative:
                return True
    return False


def test_every_file_setting_points_into_the_image(instructions: list[Instruction]) -> None:
    """Each path setting is set to an absolute path the image has, copied from a repository
    path that exists: the copy of `app` in site-packages would not find them by default."""
    env = _env(instructions)
    workdir = _workdir(instructions)
    path_settings = [
        name for name, f in Settings.model_fields.items() if f.annotation in (Path, Path | None)
    ]
    assert {"policy_dir", "model_manifest", "gazetteer_dir"} <= set(path_settings)
    for name in path_settings:
        value = env.get(f"REDACTOR_{name.upper()}")
        assert value, f"REDACTOR_{name.upper()} is not set in the image"
        target = PurePosixPath(value)
        assert target.is_relative_to(workdir), value
        relative = target.relative_to(workdir)
        assert (ROOT / relative).exists(), f"{name}: {relative} is not in the repository"
        assert _in_image(instructions, relative), f"{name}: {value} is not copied into the image"


def test_local_state_stays_out_of_the_build_context() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    # A developer's audit database and virtualenv must never end up in an image.
    assert {".git", ".venv", "var", "*.db"} <= ignored
