"""The tables derived from the language specs are the tables the code had before
(behaviour unchanged), and a runner registered without a spec still is a language."""

from __future__ import annotations

from pathlib import Path

from assistants.extract import known_ext, not_code_tags, tag_languages
from assistants.render import extensions, fence_tag, fence_tags
from codecanary import registry
from codecanary.languages import LanguageSpec, languages, spec
from codecanary.types import Task
from reviewers.failures import borrow_codes, type_codes
from sandbox import docker, toolchains
from sandbox.differential import declared

BUILT_IN = ["cpp", "java", "javascript", "python", "rust"]


def make_task(language: str, tests: dict[str, str]) -> Task:
    return Task(id="t", name="t", title="t", language=language, kind="implement",
                weakness=("boundaries",), prompt="p", entry_point="solution.rs", workspace={},
                reference={"solution.rs": ""}, tests=tests)


def test_builtin_languages_are_the_registered_runners() -> None:
    assert languages() == BUILT_IN == registry.names("language")
    assert all(spec(name).name == name for name in BUILT_IN)


def test_fence_and_extension_tables_are_unchanged() -> None:
    assert fence_tags() == {
        "python": "python", "rust": "rust", "cpp": "cpp", "javascript": "javascript",
        "java": "java", "toml": "toml", "json": "json", "c": "c", "h": "c", "hpp": "cpp",
        "md": "markdown", "txt": "text"}
    assert extensions() == {"py": "python", "rs": "rust", "cpp": "cpp", "cc": "cpp",
                            "hpp": "cpp", "h": "cpp", "js": "javascript", "mjs": "javascript",
                            "java": "java"}
    assert tag_languages() == {
        "py": "python", "python3": "python", "python": "python", "rs": "rust", "rust": "rust",
        "c++": "cpp", "cpp": "cpp", "cc": "cpp", "js": "javascript", "javascript": "javascript",
        "node": "javascript", "java": "java"}
    assert known_ext() == {"py", "rs", "cpp", "cc", "c", "h", "hpp", "js", "mjs", "ts", "java",
                           "go", "rb", "toml", "json", "yaml", "yml", "txt", "md", "cfg", "ini",
                           "sh"}
    assert not_code_tags() == {"bash", "sh", "shell", "console", "output", "text", "plaintext",
                               "diff", "terminal", "log", "stdout", "json5"}
    assert fence_tag("src/lib.rs") == "rust" and fence_tag("a.hpp") == "cpp"


def test_docker_tools_are_unchanged() -> None:
    assert docker.tools() == {"python": "python3", "python3": "python3", "rustc": "rustc",
                              "g++": "g++", "c++": "g++", "node": "node", "nodejs": "node",
                              "javac": "javac", "java": "java"}
    assert docker.image_command(["/opt/x/bin/python3.12", "-c", "1"])[0] == "python3"
    assert docker.image_command(["/usr/bin/x86_64-linux-gnu-g++-13"])[0] == "g++"


def test_differential_drivers_and_failure_codes_come_from_the_specs() -> None:
    assert {n: spec(n).driver for n in BUILT_IN} == {
        "python": None, "rust": "driver.rs", "cpp": "driver.cpp", "javascript": "driver.js",
        "java": "Driver.java"}
    task = make_task(language="rust", tests={"differential.py": "", "driver.rs": ""})
    assert declared(task)
    assert not declared(make_task(language="python", tests={"differential.py": "",
                                                              "driver.rs": ""}))
    assert "E0382" in borrow_codes() and "E0308" in type_codes()
    assert not borrow_codes() & type_codes()


def test_toolchain_messages_are_unchanged() -> None:
    assert toolchains.install_hint("cpp") == (
        "g++ (the C++ toolchain) is not installed; install it with `apt-get install g++` "
        "(scripts/bootstrap.sh does it)")
    assert toolchains.is_binary("cpp", "/usr/bin/x86_64-linux-gnu-g++-12")
    assert toolchains.is_binary("java", "javac") and not toolchains.is_binary("java", "node")
    assert toolchains.missing("no-such-language") is None


def test_a_runner_without_a_spec_is_a_language_with_an_empty_spec() -> None:
    class Bare:
        pass

    registry.register("runner", "bare-test-lang")(Bare)
    try:
        assert "bare-test-lang" in languages()
        assert spec("bare-test-lang") == LanguageSpec("bare-test-lang")
        assert toolchains.missing("bare-test-lang") is None
        assert fence_tags()["bare-test-lang"] == "bare-test-lang"
    finally:
        registry._REGISTRY["runner"].pop("bare-test-lang")


def test_toolchain_mounts_and_host_tools_are_those_of_the_former_lookups() -> None:
    """The bound directories and the docker backend's host tools, collected from the
    specs, equal what the former hard-coded lookups gave on this machine."""
    layout = toolchains.python_layout(toolchains.python_executable())
    paths = {layout.prefix, layout.base_prefix} if layout else set()
    for binary in (toolchains.rustc_path(), toolchains.gxx_path(), toolchains.node_path()):
        if binary:
            paths.add(str(Path(binary).parent.parent))
    home = toolchains.java_home()
    if home:
        paths.add(home)
    assert toolchains.toolchain_paths() == tuple(sorted(
        p for p in paths if not (p == "/usr" or p.startswith("/usr/"))))
    executables = [toolchains.python_executable(), toolchains.rustc_path(),
                   toolchains.gxx_path(), toolchains.node_path(),
                   *([f"{home}/bin/java", f"{home}/bin/javac"] if home else [])]
    host = docker._host_tools()
    assert {p for p in filter(None, executables) if docker._tool(p)} <= set(host)
    assert host[toolchains.python_executable()] == "python3"
