"""Languages describe themselves: one :class:`LanguageSpec` per language runner.

Everything the rest of the house needs to know about a language (its file
extensions and markdown fence tags, the host toolchain and how to install it,
the ``sandbox exec`` command, the docker image's tools, the differential
driver, the failure patterns) is carried by the spec its runner module
registers as plug-in ``("language", name)``. The CLI, the extractor, the
renderer, the docker backend, the differential harness and the failure
classifier derive their tables from :func:`specs`, so a new language is one
runner module (plus a fault module and seed tasks), found through an entry
point, with no edit elsewhere.

This module is core: it names no plug-in, it only reads the registry. A
language is any name with a registered runner (:func:`languages`); a runner
registered without a spec gets the empty :func:`spec` of its name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from codecanary.registry import members, names


def _nothing() -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Toolchain:
    """What one language needs on the host, how it is found and how it is installed.

    tool: the binary a user would look for (named in every message).
    what: what it is, for people (``the JavaScript toolchain``).
    find: the lookup; None when the toolchain is not installed.
    install: the command that installs it on Debian/Ubuntu (as scripts/bootstrap.sh does).
    binaries: a regular expression matching the basenames runners call it by, to tell
        a shell's "not found" of this toolchain from any other.
    mounts: directories (any, also under /usr) the sandbox must bind for it to run.
    executables: the host paths of the binaries runners name, for the docker backend
        to replace by the image's tools.
    """

    tool: str
    what: str
    find: Callable[[], str | None]
    install: str
    binaries: str
    mounts: Callable[[], tuple[str, ...]] = _nothing
    executables: Callable[[], tuple[str, ...]] = _nothing


@dataclass(frozen=True)
class FailurePatterns:
    """What a language's failures look like, for the failure classifier.

    null: a regular expression matching a null/None dereference in test output.
    borrow_codes: compiler codes of an ownership (borrow-checker) error.
    type_codes: compiler codes of a type error.
    """

    null: str = ""
    borrow_codes: frozenset[str] = frozenset()
    type_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LanguageSpec:
    """A language as its runner describes it.

    name: the language's name in tasks (``task.toml``'s ``language``) and on the CLI.
    extensions: source file extensions (without the dot) that belong to it.
    fence_tags: markdown fence info strings that name it; the first is used when rendering.
    toolchain: the host toolchain its runner needs (None: nothing to check).
    exec_command: ``(file, memory_mb) -> argv`` running one source file, for
        ``codecanary sandbox exec`` (None: the language cannot be run that way).
    image_tools: tool basename as a runner names it on the host -> the docker
        image's command for it (``"nodejs": "node"``).
    versioned_tools: (regular expression, image command) for basenames that carry a
        version (``python3.12``, ``x86_64-linux-gnu-g++-13``).
    driver: the differential driver's file name in ``tests/`` (None: no differential test).
    failures: its failure patterns.
    """

    name: str
    extensions: tuple[str, ...] = ()
    fence_tags: tuple[str, ...] = ()
    toolchain: Toolchain | None = None
    exec_command: Callable[[str, int], list[str]] | None = None
    image_tools: Mapping[str, str] = field(default_factory=dict)
    versioned_tools: tuple[tuple[str, str], ...] = ()
    driver: str | None = None
    failures: FailurePatterns = FailurePatterns()


def languages() -> list[str]:
    """The languages with a registered runner, sorted."""
    return names("runner")


def spec(language: str) -> LanguageSpec:
    """The registered spec of ``language`` (an empty one for a runner without a spec)."""
    found: LanguageSpec | None = members("language").get(language)
    return found if found is not None else LanguageSpec(language)


def specs() -> list[LanguageSpec]:
    """The spec of every language, in :func:`languages` order."""
    return [spec(name) for name in languages()]
